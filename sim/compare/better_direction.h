#pragma once
// Which way is better for an indicator or an appraisal measure, so a paired comparison can
// say P(B better than A). For an indicator a target names, better is the way that moves
// toward the target (at_least and share_of_growth_at_least: higher; at_most and reduce_by:
// lower). Indicators no target names fall back to the plain reading (more jobs, higher
// rates and productivity are better; smaller gaps are better); context series (the
// comparator, population) have no better direction.
#include <map>
#include <string>

#include "sim/io/results_reader.h"

namespace lissim::sim {

struct Direction {
  enum class Better { higher, lower, none } better = Better::none;
  std::string source;  // "target more_jobs", "default", "targets disagree"

  // "higher (target more_jobs)", "none".
  std::string describe() const;
  // Whether b is better than a (false for no direction).
  bool improves(double a, double b) const {
    return better == Better::higher ? b > a : better == Better::lower ? b < a : false;
  }
};

// Directions of every indicator the file's targets name, plus the defaults.
std::map<std::string, Direction> indicator_directions(const ResultsReader& file);
Direction indicator_direction(const std::map<std::string, Direction>& directions, const std::string& indicator);
// cost_pv and cost per net job: lower; benefit_pv, npv, bcr: higher.
Direction appraisal_direction(const std::string& measure);

}  // namespace lissim::sim
