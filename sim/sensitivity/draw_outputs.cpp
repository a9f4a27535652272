#include "sim/sensitivity/draw_outputs.h"

#include <algorithm>

#include "sim/errors.h"

namespace lissim::sim {
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text.empty() ? "(none)" : text;
}

std::string text_attribute_or(const ResultsReader& results, const std::string& object, const std::string& name,
                              const std::string& fallback) {
  return results.has_attribute(object, name) ? results.text_attribute(object, name) : fallback;
}

// The column of `year` in /years.
std::size_t year_column(const ResultsReader& results, int year) {
  const NumericArray years = results.numbers("/years");
  for (std::size_t i = 0; i < years.values.size(); ++i)
    if (years.values[i] == year) return i;
  const std::string range = years.values.empty() ? std::string("none")
                                                 : std::to_string(static_cast<int>(years.values.front())) + "-" +
                                                       std::to_string(static_cast<int>(years.values.back()));
  throw InputError(results.path() + ": year " + std::to_string(year) + " is not simulated (years " + range + ")");
}

std::vector<double> indicator_draws(const ResultsReader& results, const std::string& path, const std::string& name,
                                    std::size_t column, std::string& dataset) {
  const std::string indicators = "/" + path + "/indicators";
  if (!results.is_group("/" + path))
    throw InputError(results.path() + ": no /" + path + " group" +
                     (path == "effect" ? ": the run has no interventions, so no effect of them" : ""));
  if (!results.is_group(indicators + "/" + name))
    throw InputError(results.path() + ": no indicator '" + name + "' in /" + path + "; indicators are " +
                     joined(results.members(indicators)));
  dataset = indicators + "/" + name + "/draws";
  if (results.exists(dataset)) return results.column(dataset, column);
  if (path == "effect" && results.exists("/scenario/indicators/" + name + "/draws") &&
      results.exists("/counterfactual/indicators/" + name + "/draws")) {
    std::string scenario_set, counterfactual_set;
    std::vector<double> values = indicator_draws(results, "scenario", name, column, scenario_set);
    const std::vector<double> base = indicator_draws(results, "counterfactual", name, column, counterfactual_set);
    for (std::size_t i = 0; i < values.size() && i < base.size(); ++i) values[i] -= base[i];
    dataset = scenario_set + " minus " + counterfactual_set;
    return values;
  }
  throw InputError(results.path() + ": no per-draw values of '" + name + "' (" + dataset +
                   "): rerun lissim run with --keep-draws");
}

}  // namespace

std::string OutputRequest::label() const {
  if (kind == Kind::appraisal) return intervention + ":" + measure;
  const std::string name = indicator + "@" + std::to_string(year);
  return path == "scenario" ? name : path + ":" + name;
}

void check_indicator_path(const std::string& path, const std::string& what) {
  if (path != "scenario" && path != "counterfactual" && path != "effect")
    throw InputError(what + ": got path '" + path + "', must be one of scenario, counterfactual, effect");
}

OutputRequest parse_indicator_request(const std::string& text, const std::string& path) {
  const std::size_t colon = text.find(':');
  const std::size_t start = colon == std::string::npos ? 0 : colon + 1;
  const std::size_t at = text.find('@', start);
  const auto bad = [&] {
    return InputError("--output: got '" + text + "', must be [PATH:]INDICATOR@YEAR, e.g. jobs@2030");
  };
  if (at == std::string::npos || at == start || at + 1 == text.size()) throw bad();
  const std::string year_text = text.substr(at + 1);
  if (!std::all_of(year_text.begin(), year_text.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      year_text.size() > 6)
    throw bad();
  OutputRequest request;
  request.path = colon == std::string::npos ? path : text.substr(0, colon);
  check_indicator_path(request.path, "--output '" + text + "'");
  request.indicator = text.substr(start, at - start);
  request.year = std::stoi(year_text);
  return request;
}

OutputRequest appraisal_request(const std::string& intervention, const std::string& measure) {
  OutputRequest request;
  request.kind = OutputRequest::Kind::appraisal;
  request.intervention = intervention;
  request.measure = measure;
  return request;
}

std::vector<OutputRequest> target_requests(const ResultsReader& results, const std::string& path) {
  std::vector<OutputRequest> requests;
  if (!results.is_group("/targets")) return requests;
  for (const std::string& id : results.members("/targets")) {
    const std::string group = "/targets/" + id;
    if (id == "all" || !results.has_attribute(group, "indicator") || !results.has_attribute(group, "deadline"))
      continue;
    OutputRequest request;
    request.path = path;
    request.indicator = results.text_attribute(group, "indicator");
    request.year = static_cast<int>(results.integer_attribute(group, "deadline"));
    const bool seen = std::any_of(requests.begin(), requests.end(), [&](const OutputRequest& r) {
      return r.indicator == request.indicator && r.year == request.year;
    });
    if (!seen) requests.push_back(request);
  }
  return requests;
}

DrawOutput read_draw_output(const ResultsReader& results, const OutputRequest& request) {
  DrawOutput out;
  out.request = request;
  if (request.kind == OutputRequest::Kind::indicator) {
    const std::size_t column = year_column(results, request.year);
    std::string dataset;
    out.values = indicator_draws(results, request.path, request.indicator, column, dataset);
    out.source = dataset + ", year " + std::to_string(request.year);
    const std::string summary = "/" + request.path + "/indicators/" + request.indicator + "/mean";
    const std::string described = results.exists(dataset) ? dataset : summary;
    out.units = results.exists(described) ? text_attribute_or(results, described, "units", "") : "";
    out.description = results.exists(described) ? text_attribute_or(results, described, "description", "") : "";
    return out;
  }
  const std::string interventions = "/interventions";
  if (!results.is_group(interventions))
    throw InputError(results.path() + ": the run has no interventions, so no appraisal to explain");
  if (!results.is_group(interventions + "/" + request.intervention))
    throw InputError(results.path() + ": no intervention '" + request.intervention + "'; interventions are " +
                     joined(results.members(interventions)));
  const std::string appraisal = interventions + "/" + request.intervention + "/appraisal";
  const std::string dataset = appraisal + "/" + request.measure;
  if (!results.exists(dataset) || results.shape(dataset).size() != 1) {
    std::vector<std::string> measures;
    if (results.is_group(appraisal))
      for (const auto& m : results.members(appraisal))
        if (!results.is_group(appraisal + "/" + m) && results.shape(appraisal + "/" + m).size() == 1 &&
            m != "vfm_band_probability")
          measures.push_back(m);
    throw InputError(results.path() + ": no per-draw appraisal measure '" + request.measure + "' of '" +
                     request.intervention + "'; measures are " + joined(measures));
  }
  out.values = results.numbers(dataset).values;
  out.source = dataset;
  out.units = text_attribute_or(results, dataset, "units", "");
  out.description = text_attribute_or(results, dataset, "description", "");
  return out;
}

}  // namespace lissim::sim
