#pragma once
// The per-draw values `lissim sensitivity` explains, read from a results file
// (docs/results.md): an indicator in one year, from /<path>/indicators/<name>/draws [N, Y]
// (written only by runs with --keep-draws), or an appraisal measure of an intervention,
// /interventions/<id>/appraisal/<measure> [N]. The sampled parameters they are explained by
// come from read_parameter_samples (sim/io/parameter_samples.h), which draws them again when
// the file lacks them. Every problem is an InputError that says what to do about it.
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "sim/io/parameter_samples.h"
#include "sim/io/results_reader.h"

namespace lissim::sim {

// What to explain; `label` names it in tables and in the output file's /sensitivity group.
struct OutputRequest {
  enum class Kind { indicator, appraisal } kind = Kind::indicator;
  std::string path = "scenario";  // indicator: scenario, counterfactual or effect
  std::string indicator;          // indicator: its name
  int year = 0;                   // indicator: calendar year
  std::string intervention;       // appraisal: intervention id (or "all")
  std::string measure;            // appraisal: bcr, npv, ...

  // "jobs@2030" on the scenario path, "counterfactual:jobs@2030" on another, "all:bcr".
  std::string label() const;
};

// Parses [PATH:]INDICATOR@YEAR (e.g. "jobs@2030", "effect:jobs@2030"); `path` applies when
// the text names none.
OutputRequest parse_indicator_request(const std::string& text, const std::string& path);
// Throws InputError unless path is scenario, counterfactual or effect; `what` names the option.
void check_indicator_path(const std::string& path, const std::string& what);
OutputRequest appraisal_request(const std::string& intervention, const std::string& measure);

// The default outputs: each target's indicator at its deadline (attributes of /targets/<id>),
// once per distinct indicator and year, in target order. Empty if the run has no targets.
std::vector<OutputRequest> target_requests(const ResultsReader& results, const std::string& path);

struct DrawOutput {
  OutputRequest request;
  std::string source;       // where the values came from, e.g. "/scenario/indicators/jobs/draws, year 2030"
  std::string units;
  std::string description;
  std::vector<double> values;  // one per draw, NaN where undefined
};

// Reads one output. "effect" indicators are taken as scenario minus counterfactual draws
// when the file has no effect draws of its own.
DrawOutput read_draw_output(const ResultsReader& results, const OutputRequest& request);

}  // namespace lissim::sim
