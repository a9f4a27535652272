#pragma once
// `lissim compare`: two or more results files side by side, each against the first (A).
// Targets: P(met at the deadline). Indicators at chosen years: median and 90% band, and the
// difference of medians. Where two runs share their random numbers (pairing.h) and hold
// per-draw values, the difference is also taken draw by draw: its median, 90% band and
// P(B better than A). Interventions: the appraisal side by side, and paired where possible.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/compare/better_direction.h"
#include "sim/compare/paired_difference.h"
#include "sim/compare/pairing.h"
#include "sim/util/sample_stats.h"

namespace lissim::sim {

struct ComparedFile {
  std::string path;   // as given on the command line
  std::string label;  // A, B, C, ...
  std::string scenario_name;
  std::int64_t seed = 0, draws = 0;
  int base_year = 0, horizon = 0, deadline = 0;
};

struct TargetRow {
  std::string id;                   // "all" for all targets jointly
  std::string description;          // from the first file that has the target
  std::vector<double> prob_met;     // per file, at that file's deadline; NaN where the file lacks it
  std::vector<int> deadline;        // per file; 0 where the file lacks the target
  bool definitions_differ = false;  // indicator, rule, threshold or deadline differ between files
  // Monte Carlo standard errors: of each P(met), sqrt(p (1 - p) / draws); of each difference
  // file - A (NaN for A), from the per-draw met flags where the runs are paired and both files
  // store them (difference_paired), else the unpaired sqrt(se_A^2 + se_B^2).
  std::vector<double> se;
  std::vector<double> difference, difference_se;
  std::vector<bool> difference_paired;
  // Within two standard errors of zero: not distinguishable from no difference.
  bool distinguishable(std::size_t file) const {
    return !(std::fabs(difference[file]) <= 2.0 * difference_se[file]);
  }
};

struct IndicatorRow {
  std::string name, units;
  int year = 0;
  std::vector<Band> per_file;  // NaN where the file lacks the indicator or the year
};

// B - A draw by draw (paired_difference.h).
struct PairedRow {
  std::string item;      // indicator name, or intervention id
  std::string measure;   // "" for indicators; the appraisal measure (npv, bcr, ...)
  int year = 0;          // 0 for appraisal measures (they cover the whole appraisal period)
  std::size_t file = 0;  // B's index; A is file 0
  Direction direction;
  PairedStatistics stats;
};

// One intervention's appraisal (local view) in one file, from its per-draw datasets.
struct AppraisalCell {
  bool present = false;
  Band npv, bcr;
  double cost_per_net_job_median = kNaN;
  double prob_bcr_at_least_one = kNaN;  // over draws with a defined BCR
  std::vector<double> vfm;              // P(BCR in each band), as written by the run
};

struct AppraisalRow {
  std::string intervention;  // "all" for the whole package
  std::vector<AppraisalCell> per_file;
};

struct Comparison {
  std::vector<ComparedFile> files;
  std::vector<Pairing> pairing;  // per file, against A (pairing[0]: A with itself)
  std::vector<int> years;
  std::vector<TargetRow> targets;
  std::vector<IndicatorRow> indicators;
  std::vector<PairedRow> paired;
  std::vector<AppraisalRow> appraisal;
  std::vector<std::string> vfm_bands;  // band names for AppraisalCell::vfm
  std::string npv_units, cost_per_net_job_units;
  std::vector<std::string> notes;  // one line each
  // Said first: which files do not share A's random numbers and how to rerun them paired.
  std::vector<std::string> unpaired_warnings;
};

// Reads every file (InputError naming the file if any is not a readable results file) and
// compares at `years` (empty: A's deadline and horizon).
Comparison compare_results(const std::vector<std::string>& paths, const std::vector<int>& years);

}  // namespace lissim::sim
