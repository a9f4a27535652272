// indicators.csv, sectors.csv and targets.csv of `lissim export`.
#include "sim/errors.h"
#include "sim/export/results_export.h"
#include "sim/io/embedded_scenario.h"
#include "sim/io/indicator_order.h"
#include "sim/util/sample_stats.h"

namespace lissim::sim {
namespace {

// The paths of docs/results.md: with interventions, without, and the difference draw by draw.
const char* const kPaths[] = {"scenario", "counterfactual", "effect"};

}  // namespace

CsvTable indicators_table(const ResultsReader& file) {
  CsvTable table({"path", "indicator", "year", "statistic", "value", "units"});
  const std::vector<int> years = file_years(file);
  const std::vector<std::string> quantiles = quantile_statistics(file);
  for (const char* path : kPaths) {
    const std::string base = std::string("/") + path + "/indicators";
    if (!file.is_group(base)) continue;
    for (const auto& name : in_preferred_order(file.members(base), indicators_in_model_order())) {
      const std::string group = base + "/" + name;
      const std::string units = units_of(file, group + "/quantiles");
      for (const auto& v : summary_values(file, group, years, quantiles))
        table.add({path, name, csv_integer(v.year), v.statistic, csv_number(v.value), units});
    }
  }
  return table;
}

CsvTable sectors_table(const ResultsReader& file) {
  CsvTable table({"path", "measure", "sector", "year", "statistic", "value", "units"});
  const std::vector<int> years = file_years(file);
  const std::vector<std::string> quantiles = quantile_statistics(file);
  const std::vector<std::string> sectors = file.texts("/sectors");
  const std::size_t n_years = years.size(), n_sectors = sectors.size();
  for (const char* path : kPaths) {
    const std::string base = std::string("/") + path + "/sectors";
    if (!file.is_group(base)) continue;
    for (const auto& measure : in_preferred_order(file.members(base), {"jobs", "gva_per_hour"})) {
      const std::string group = base + "/" + measure;
      const NumericArray q = file.numbers(group + "/quantiles");
      if (q.shape != std::vector<hsize_t>{quantiles.size(), n_years, n_sectors})
        throw InputError(file.path() + ": damaged results file: " + group +
                         "/quantiles is not [quantile, year, sector]");
      std::vector<std::pair<std::string, NumericArray>> series;
      for (const char* name : {"mean", "sd"}) {
        if (!file.exists(group + "/" + name)) continue;
        series.emplace_back(name, file.numbers(group + "/" + name));
        if (series.back().second.values.size() != n_years * n_sectors)
          throw InputError(file.path() + ": damaged results file: " + group + "/" + name + " is not [year, sector]");
      }
      const std::string units = units_of(file, group + "/quantiles");
      for (std::size_t s = 0; s < n_sectors; ++s) {
        for (std::size_t y = 0; y < n_years; ++y) {
          const std::string year = csv_integer(years[y]);
          for (std::size_t k = 0; k < quantiles.size(); ++k)
            table.add({path, measure, sectors[s], year, quantiles[k],
                       csv_number(q.values[(k * n_years + y) * n_sectors + s]), units});
          for (const auto& [name, array] : series)
            table.add({path, measure, sectors[s], year, name, csv_number(array.values[y * n_sectors + s]), units});
        }
      }
    }
  }
  return table;
}

CsvTable targets_table(const ResultsReader& file) {
  CsvTable table({"target", "year", "prob_met", "prob_met_counterfactual", "description", "indicator", "rule",
                  "threshold", "threshold_units", "base_year", "deadline"});
  const std::vector<int> years = file_years(file);
  for (const auto& id : ordered_ids(file, "/targets", {"targets", "targets"})) {
    const std::string group = "/targets/" + id;
    auto series = [&](const char* name) {
      const std::string dataset = group + "/" + name;
      if (!file.exists(dataset)) return std::vector<double>(years.size(), kNaN);
      std::vector<double> values = file.numbers(dataset).values;
      if (values.size() != years.size())
        throw InputError(file.path() + ": damaged results file: " + dataset + " is not [year]");
      return values;
    };
    auto text = [&](const char* name) {
      if (!file.has_attribute(group, name)) return std::string();
      const AttributeValue value = file.attribute(group, name);
      if (!value.texts.empty()) return value.texts[0];
      if (!value.integers.empty()) return csv_integer(value.integers[0]);
      return value.reals.empty() ? std::string() : csv_number(value.reals[0]);
    };
    const std::vector<double> met = series("prob_met"), met0 = series("prob_met_counterfactual");
    for (std::size_t y = 0; y < years.size(); ++y)
      table.add({id, csv_integer(years[y]), csv_number(met[y]), csv_number(met0[y]), text("description"),
                 text("indicator"), text("rule"), text("threshold"), text("threshold_units"), text("base_year"),
                 text("deadline")});
  }
  return table;
}

}  // namespace lissim::sim
