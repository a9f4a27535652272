#pragma once
// Readers of the three seed-data sections, shared by the scenario loader. Each records every
// problem in the reader's diagnostics and fills what it can.
#include "sim/config/value_reader.h"
#include "sim/scenario.h"

namespace lissim::sim {

// baseline.yaml: sectors, region and comparator in the base year, population projection.
void read_baseline(ValueReader& r, const ConfigNode& node, int horizon, models::Baseline& out);

// calibration.yaml: registers every dynamic parameter in scenario.parameters.
void read_calibration(ValueReader& r, const ConfigNode& node, Scenario& scenario);

// targets.yaml: the targets and their deadline.
void read_targets(ValueReader& r, const ConfigNode& node, Scenario& scenario);

// interventions: the list of interventions, sorted by id, with their parameters registered.
void read_interventions(ValueReader& r, const ConfigNode& node, Scenario& scenario);

// appraisal: the discount rate.
void read_appraisal(ValueReader& r, const ConfigNode& node, Scenario& scenario);

// A path by year under node[key] ({year: value, ...}, file units times scale): one entry per
// year after the base year to the horizon; years before the first listed take the first value,
// years after the last the last. Empty after an error.
std::vector<double> read_yearly_path(ValueReader& r, const ConfigNode& node, const char* key, int base_year,
                                     int horizon, const Range& range, double scale);

// The text of a block's `source:` (every seed figure carries its source).
void require_source(ValueReader& r, const ConfigNode& block);

}  // namespace lissim::sim
