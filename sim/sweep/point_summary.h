#pragma once
// What a sweep keeps of one point's run: named arrays (target probabilities by year, indicator
// and intervention summaries at the summary years, appraisal summaries), saved to a checkpoint
// file as soon as the point is done so an interrupted sweep resumes where it stopped.
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/monte_carlo.h"
#include "sim/io/draw_summary.h"

namespace lissim::sim {

struct SweepArray {
  std::string path;            // e.g. "targets/more_jobs/prob_met"
  std::vector<std::size_t> shape;  // of one point's array
  std::vector<double> values;  // row-major
  std::string units;
  std::string description;
};

using PointSummary = std::vector<SweepArray>;

// Year indices (from the base year) of the summary years: `years`, or the deadline and horizon.
std::vector<int> summary_year_indices(const Scenario& scenario, const std::vector<int>& years);

PointSummary summarise_point(const Scenario& scenario, const RunSummary& run,
                             const std::vector<AppraisalSummary>& appraisal, const std::vector<int>& year_indices);

// Checkpoints: the point's scenario hash first, so a changed sweep or scenario reruns the point.
void save_point(const std::string& path, const std::string& scenario_sha256, const PointSummary& summary);
std::optional<PointSummary> load_point(const std::string& path, const std::string& scenario_sha256);

}  // namespace lissim::sim
