// interventions.csv, appraisal.csv and vfm.csv of `lissim export` (docs/results.md, "With
// interventions"). Groups are found by their shape rather than a fixed list of names, so
// measures a later minor version adds are exported too.
#include <algorithm>

#include "sim/errors.h"
#include "sim/export/results_export.h"
#include "sim/io/embedded_scenario.h"
#include "sim/util/sample_stats.h"

namespace lissim::sim {
namespace {

const std::vector<std::string> kEffectOrder{"net_additional_jobs", "net_additional_jobs_national", "net_additional_gva",
                                            "net_additional_gva_national"};
const std::vector<std::string> kAppraisalOrder{"cost_pv", "benefit_pv",       "npv",
                                               "bcr",     "cost_per_net_job", "cost_per_net_job_year"};
const std::string kNationalSuffix = "_national";

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// "net_additional_jobs_national" -> {"national", "net_additional_jobs"}.
std::pair<std::string, std::string> view_and_measure(const std::string& name) {
  if (ends_with(name, kNationalSuffix)) return {"national", name.substr(0, name.size() - kNationalSuffix.size())};
  return {"local", name};
}

// The appraisal groups of an intervention: "appraisal" (local view), "appraisal_national", ...
std::vector<std::string> appraisal_groups(const ResultsReader& file, const std::string& intervention) {
  std::vector<std::string> groups;
  for (const auto& name : file.members(intervention))
    if (name.rfind("appraisal", 0) == 0 && file.is_group(intervention + "/" + name)) groups.push_back(name);
  return groups;
}

std::string view_of(const ResultsReader& file, const std::string& group, const std::string& name) {
  if (file.has_attribute(group, "view")) return file.text_attribute(group, "view");
  return view_and_measure(name).first;
}

// Per-draw appraisal measures of a group (1-D datasets but the band probabilities).
std::vector<std::string> appraisal_measures(const ResultsReader& file, const std::string& group) {
  std::vector<std::string> measures;
  for (const auto& name : file.members(group))
    if (name != "vfm_band_probability" && !file.is_group(group + "/" + name) &&
        file.shape(group + "/" + name).size() == 1)
      measures.push_back(name);
  return in_preferred_order(measures, kAppraisalOrder);
}

// mean, quantiles and defined_fraction as the run wrote them in the dataset's attributes;
// computed from the draws (the same way) where an attribute is missing.
std::vector<std::pair<std::string, double>> appraisal_statistics(const ResultsReader& file, const std::string& dataset,
                                                                 const std::vector<std::string>& quantile_names) {
  std::vector<double> draws;
  auto draws_once = [&]() -> const std::vector<double>& {
    if (draws.empty()) draws = file.numbers(dataset).values;
    return draws;
  };
  std::vector<std::pair<std::string, double>> stats;
  stats.emplace_back(
      "mean", file.has_attribute(dataset, "mean") ? file.real_attribute(dataset, "mean") : defined_mean(draws_once()));
  std::vector<double> quantiles;
  if (file.has_attribute(dataset, "quantiles")) {
    quantiles = file.reals_attribute(dataset, "quantiles");
    if (quantiles.size() != quantile_names.size())
      throw InputError(file.path() + ": damaged results file: the quantiles attribute of " + dataset + " has " +
                       std::to_string(quantiles.size()) + " values, /quantile_levels " +
                       std::to_string(quantile_names.size()));
  } else {
    const std::vector<double> sorted = defined_sorted(draws_once());
    for (const double level : file.numbers("/quantile_levels").values)
      quantiles.push_back(sorted_quantile(sorted, level));
  }
  for (std::size_t k = 0; k < quantiles.size(); ++k) stats.emplace_back(quantile_names[k], quantiles[k]);
  if (file.has_attribute(dataset, "defined_fraction")) {
    stats.emplace_back("defined_fraction", file.real_attribute(dataset, "defined_fraction"));
  } else {
    const std::vector<double>& all = draws_once();
    const double defined = static_cast<double>(defined_sorted(all).size());
    stats.emplace_back("defined_fraction", all.empty() ? kNaN : defined / static_cast<double>(all.size()));
  }
  return stats;
}

}  // namespace

CsvTable interventions_table(const ResultsReader& file) {
  CsvTable table({"intervention", "view", "measure", "year", "statistic", "value", "units"});
  const std::vector<int> years = file_years(file);
  const std::vector<std::string> quantiles = quantile_statistics(file);
  for (const auto& id : ordered_ids(file, "/interventions", {"interventions"})) {
    const std::string base = "/interventions/" + id;
    for (const auto& name : in_preferred_order(file.members(base), kEffectOrder)) {
      const std::string group = base + "/" + name;
      if (!file.exists(group + "/quantiles") || name.rfind("appraisal", 0) == 0) continue;
      const auto [view, measure] = view_and_measure(name);
      const std::string units = units_of(file, group + "/quantiles");
      for (const auto& v : summary_values(file, group, years, quantiles))
        table.add({id, view, measure, csv_integer(v.year), v.statistic, csv_number(v.value), units});
    }
  }
  return table;
}

CsvTable appraisal_table(const ResultsReader& file) {
  CsvTable table({"intervention", "view", "measure", "statistic", "value", "units"});
  const std::vector<std::string> quantiles = quantile_statistics(file);
  for (const auto& id : ordered_ids(file, "/interventions", {"interventions"})) {
    const std::string base = "/interventions/" + id;
    for (const auto& name : appraisal_groups(file, base)) {
      const std::string group = base + "/" + name;
      const std::string view = view_of(file, group, name);
      for (const auto& measure : appraisal_measures(file, group)) {
        const std::string dataset = group + "/" + measure;
        const std::string units = units_of(file, dataset);
        for (const auto& [statistic, value] : appraisal_statistics(file, dataset, quantiles))
          table.add({id, view, measure, statistic, csv_number(value), units});
      }
    }
  }
  return table;
}

CsvTable vfm_table(const ResultsReader& file) {
  CsvTable table({"intervention", "view", "band", "probability", "bcr_from", "bcr_to"});
  for (const auto& id : ordered_ids(file, "/interventions", {"interventions"})) {
    const std::string base = "/interventions/" + id;
    for (const auto& name : appraisal_groups(file, base)) {
      const std::string group = base + "/" + name;
      const std::string dataset = group + "/vfm_band_probability";
      if (!file.exists(dataset)) continue;
      const std::vector<double> probability = file.numbers(dataset).values;
      const std::vector<std::string> bands =
          file.has_attribute(dataset, "bands") ? file.texts_attribute(dataset, "bands") : std::vector<std::string>{};
      const std::vector<double> edges =
          file.has_attribute(dataset, "bcr_edges") ? file.reals_attribute(dataset, "bcr_edges") : std::vector<double>{};
      const bool edges_fit = edges.size() + 1 == probability.size();
      for (std::size_t b = 0; b < probability.size(); ++b) {
        const std::string band = b < bands.size() ? bands[b] : "band " + std::to_string(b + 1);
        const double from = edges_fit && b > 0 ? edges[b - 1] : kNaN;       // the lowest band is open below
        const double to = edges_fit && b < edges.size() ? edges[b] : kNaN;  // the highest is open above
        table.add({id, view_of(file, group, name), band, csv_number(probability[b]), csv_number(from), csv_number(to)});
      }
    }
  }
  return table;
}

}  // namespace lissim::sim
