#pragma once
// A fully resolved scenario: seed data merged with the scenario file and --set overrides,
// validated, with every model parameter registered in the parameter table.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/baseline.h"
#include "models/intervention.h"
#include "models/national_block.h"
#include "models/parameters.h"
#include "models/targets.h"
#include "sim/parameter_table.h"
#include "sim/seed_history.h"

namespace lissim::sim {

// Where each model parameter lives in the ParameterTable: one slot per parameter of
// models::DrawParameters, generated from the lists in models/parameters.h (add parameters
// there, not here).
#define LISSIM_INDEX_SLOT(member, ...) int member = -1;
#define LISSIM_SECTOR_SLOTS(member, ...) std::vector<int> member;  // one entry per sector
#define LISSIM_DIFFERENTIAL_SLOTS(member, ...) Differential member;
struct ParameterIndex {
  struct Cycle {
    LISSIM_CYCLE_PARAMETERS(LISSIM_INDEX_SLOT)
  } cycle;
  struct National {
    LISSIM_NATIONAL_PARAMETERS(LISSIM_INDEX_SLOT)
  } national;
  struct Differential {
    LISSIM_DIFFERENTIAL_PARAMETERS(LISSIM_INDEX_SLOT)
  };
  struct Differentials {
    LISSIM_DIFFERENTIAL_SERIES(LISSIM_DIFFERENTIAL_SLOTS)
  } differentials;
  struct Comparator {
    LISSIM_COMPARATOR_PARAMETERS(LISSIM_INDEX_SLOT)
  } comparator;
  struct Sectors {
    LISSIM_SECTOR_PARAMETERS(LISSIM_SECTOR_SLOTS)
  } sectors;
  struct Labour {
    LISSIM_LABOUR_PARAMETERS(LISSIM_INDEX_SLOT)
  } labour;
};
#undef LISSIM_INDEX_SLOT
#undef LISSIM_SECTOR_SLOTS
#undef LISSIM_DIFFERENTIAL_SLOTS

// Where each drawn parameter of one intervention lives in the ParameterTable (-1: not used).
struct InterventionIndex {
  std::array<int, models::kChannelCount> gross{-1, -1, -1, -1, -1};
  int sustained_rate = -1, share_from_inactivity = -1;
  int lag = -1, ramp = -1, persistence = -1, half_saturation = -1, optimism_bias = -1, benefit_shortfall = -1;
  struct Additionality {
    int leakage = -1, deadweight = -1, displacement = -1, substitution = -1, multiplier = -1;
  };
  std::array<std::array<Additionality, models::kOutcomeCount>, models::kViewCount> additionality{};
  int spillover_share = -1, share_without_skills = -1, skills_spend_for_full_effect = -1;
};

// A range the evidence supports, with where it comes from (seeds/evidence, `checks`).
struct EvidenceRange {
  double min = 0.0, max = 0.0;
  std::string source;  // "source ids: where" or "estimate: reasoning"
  bool given() const { return max > min; }
};

// What an intervention's evidence type says, for the sanity checks (docs/interventions.md).
struct EvidenceChecks {
  std::string type, file;  // the type's name and the file it was read from
  EvidenceRange cost_per_net_job;                        // local, undiscounted public cost per peak net job
  std::array<EvidenceRange, models::kViewCount> bcr;     // local, national
};

struct Intervention {
  models::InterventionDesign design;
  std::string name;
  std::string foundation;  // Industrial Strategy foundation
  std::string source;
  InterventionIndex index;
  std::optional<EvidenceChecks> evidence;  // when it refers to an evidence type
  std::vector<std::string> warnings;       // inputs outside the evidence's range (validate, run)
};

struct Scenario {
  std::string name;
  std::string description;
  std::string file;           // the scenario file as given
  std::vector<std::string> input_files;  // every file read: the scenario and its seed files
  std::string resolved_yaml;  // the merged scenario, defaults included
  std::uint64_t seed = 1;
  std::int64_t draws = 0;
  int horizon = 0;
  int deadline = 0;

  models::Baseline baseline;
  std::vector<HistorySeries> history;  // baseline.yaml's history (up to the base year), if it has one
  double sep_jobs_per_filled_job = 0;  // baseline.yaml's region_totals: k(t0) of docs/model.md section 11, 0 if not given
  models::NationalPath national_path;  // calibration.national.central_path, by year to the horizon
  models::SectorCorrelation correlation;
  std::vector<models::Target> targets;
  ParameterTable parameters;
  ParameterIndex index;
  std::vector<Intervention> interventions;  // sorted by id, so file order never matters
  double discount_rate = 0.035;             // real, a year (Green Book)
  int appraisal_end_year = 0;               // last year of the appraisal period (may pass the horizon)
  int years_after_last_spend = 10;          // the default period: this many years after the last spend

  int base_year() const { return baseline.base_year; }
  int years() const { return horizon - baseline.base_year + 1; }  // base year included
};

// The uncertain parameters' values of a block in file units, as they are drawn (for
// /parameters/samples): one column per uncertain parameter.
struct SampleRecorder {
  Eigen::ArrayXXd values;   // count x uncertain parameters
  std::vector<bool> filled;
};

// Where a block's random inputs come from. By default draw d takes every uncertain parameter
// and every shock from its own streams. A sampling design (Sobol indices) may instead give the
// uncertain parameters' values row by row and say which draw's shocks each row takes.
struct DrawInputs {
  std::uint64_t first_draw = 0;
  Eigen::Index count = 0;
  const Eigen::ArrayXXd* parameters = nullptr;              // count x uncertain parameters, file units
  const std::vector<std::uint64_t>* shock_draws = nullptr;  // count entries

  std::uint64_t shock_draw(Eigen::Index row) const {
    return shock_draws ? (*shock_draws)[static_cast<std::size_t>(row)] : first_draw + static_cast<std::uint64_t>(row);
  }
};

// The model parameters of a block. With a recorder, the values drawn from the parameters' own
// streams (not those a design gives) are written to it.
models::DrawParameters draw_parameters(const Scenario& scenario, const DrawInputs& inputs,
                                       SampleRecorder* recorder = nullptr);

// The drawn parameters of intervention `i` for a block; a recorder as for draw_parameters.
models::InterventionDraws draw_intervention(const Scenario& scenario, std::size_t i, const DrawInputs& inputs,
                                            SampleRecorder* recorder = nullptr);

// Completes a recorder with any uncertain parameter the model did not draw.
void complete_samples(const Scenario& scenario, const DrawInputs& inputs, SampleRecorder& recorder);

}  // namespace lissim::sim
