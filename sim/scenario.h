#pragma once
// A fully resolved scenario: seed data merged with the scenario file and --set overrides,
// validated, with every model parameter registered in the parameter table.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/baseline.h"
#include "models/intervention.h"
#include "models/parameters.h"
#include "models/targets.h"
#include "sim/parameter_table.h"

namespace lissim::sim {

// Where each model parameter lives in the ParameterTable (mirrors models::DrawParameters).
struct ParameterIndex {
  struct Cycle {
    int persistence, sd, recession_probability, depth_median, depth_sd_log;
  } cycle{};
  struct Sectors {  // one entry per sector
    std::vector<int> jobs_trend, jobs_cycle_elasticity, jobs_sd, productivity_trend,
        productivity_cycle_elasticity, productivity_sd, better_jobs_trend, better_jobs_sd;
  } sectors;
  struct Labour {
    int resident_share_of_job_growth, inactive_share_of_new_employment, activity_trend, activity_sd,
        residents_in_work_sd, min_unemployment, migration_response, reference_jobs_growth, population_sd;
  } labour{};
  struct ComparatorSeries {
    int trend, cycle_elasticity, sd;
  };
  struct Comparator {
    ComparatorSeries employment_rate, activity_rate, private_density, log_gva_per_hour;
  } comparator{};
};

// Where each drawn parameter of one intervention lives in the ParameterTable (-1: not used).
struct InterventionIndex {
  std::array<int, models::kChannelCount> gross{-1, -1, -1, -1};
  int lag = -1, ramp = -1, persistence = -1, half_saturation = -1, optimism_bias = -1;
  struct Additionality {
    int leakage = -1, deadweight = -1, displacement = -1, substitution = -1, multiplier = -1;
  };
  std::array<Additionality, models::kViewCount> additionality{};
  int spillover_share = -1, share_without_skills = -1, skills_spend_for_full_effect = -1;
};

struct Intervention {
  models::InterventionDesign design;
  std::string name;
  std::string foundation;  // Industrial Strategy foundation
  std::string source;
  InterventionIndex index;
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
  models::SectorCorrelation correlation;
  std::vector<models::Target> targets;
  ParameterTable parameters;
  ParameterIndex index;
  std::vector<Intervention> interventions;  // sorted by id, so file order never matters
  double discount_rate = 0.035;             // real, a year (Green Book)

  int base_year() const { return baseline.base_year; }
  int years() const { return horizon - baseline.base_year + 1; }  // base year included
};

// Where a block's random inputs come from. By default draw d takes every uncertain parameter
// and every shock from its own streams. A sampling design (Sobol indices) may instead give the
// uncertain parameters' values row by row and say which draw's shocks each row takes.
// The uncertain parameters' values of a block in file units, as they are drawn (for
// /parameters/samples): one column per uncertain parameter.
struct SampleRecorder {
  Eigen::ArrayXXd values;   // count x uncertain parameters
  std::vector<bool> filled;
};

struct DrawInputs {
  std::uint64_t first_draw = 0;
  Eigen::Index count = 0;
  const Eigen::ArrayXXd* parameters = nullptr;              // count x uncertain parameters, file units
  const std::vector<std::uint64_t>* shock_draws = nullptr;  // count entries
  SampleRecorder* recorder = nullptr;                       // receives the drawn values, if given

  std::uint64_t shock_draw(Eigen::Index row) const {
    return shock_draws ? (*shock_draws)[static_cast<std::size_t>(row)] : first_draw + static_cast<std::uint64_t>(row);
  }
};

// The model parameters of a block.
models::DrawParameters draw_parameters(const Scenario& scenario, const DrawInputs& inputs);

// The drawn parameters of intervention `i` for a block.
models::InterventionDraws draw_intervention(const Scenario& scenario, std::size_t i, const DrawInputs& inputs);

// Completes a recorder with any uncertain parameter the model did not draw.
void complete_samples(const Scenario& scenario, const DrawInputs& inputs, SampleRecorder& recorder);

}  // namespace lissim::sim
