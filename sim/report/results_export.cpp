#include "sim/report/results_export.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/errors.h"
#include "sim/report/embedded_scenario.h"

namespace lissim::sim {
namespace {

// Root attributes in the order docs/results.md lists them; any others follow by name.
const std::vector<std::string> kRootAttributeOrder{
    "filetype",      "format_version",  "lissim_version", "git_sha",       "created_utc",
    "seed",          "draws",           "rng_scheme",     "scenario_name", "scenario_description",
    "scenario_file", "scenario_sha256", "base_year",      "horizon",       "deadline"};

}  // namespace

// "1.0" would become the number 1 in a spreadsheet, hence the brackets.
std::string attribute_as_text(const AttributeValue& value) {
  std::string text;
  auto append = [&text](const std::string& part) {
    if (!text.empty()) text += ", ";
    text += part;
  };
  for (const auto& t : value.texts) append(t);
  for (const auto i : value.integers) append(csv_integer(i));
  for (const auto x : value.reals) append(csv_number(x));
  return value.scalar ? text : "[" + text + "]";
}

std::vector<int> file_years(const ResultsReader& file) {
  std::vector<int> years;
  for (const double y : file.numbers("/years").values) years.push_back(static_cast<int>(y));
  return years;
}

std::vector<std::string> quantile_statistics(const ResultsReader& file) {
  std::vector<std::string> names;
  for (const double level : file.numbers("/quantile_levels").values) {
    const double percent = 100.0 * level;
    char buffer[32];
    if (std::fabs(percent - std::round(percent)) < 1e-9) {
      std::snprintf(buffer, sizeof buffer, "q%02d", static_cast<int>(std::round(percent)));
    } else {
      std::snprintf(buffer, sizeof buffer, "q%g", percent);
    }
    names.emplace_back(buffer);
  }
  return names;
}

std::vector<std::string> ordered_ids(const ResultsReader& file, const std::string& group,
                                     const std::vector<std::string>& scenario_key_path) {
  if (!file.is_group(group)) return {};
  std::vector<std::string> ids;
  bool has_all = false;
  for (const auto& id : file.members(group)) {
    if (!file.is_group(group + "/" + id)) continue;
    if (id == "all") {
      has_all = true;
    } else {
      ids.push_back(id);
    }
  }
  ids = in_preferred_order(ids, read_embedded_scenario(file).listed_ids(scenario_key_path));
  if (has_all) ids.emplace_back("all");
  return ids;
}

std::string units_of(const ResultsReader& file, const std::string& object) {
  return file.has_attribute(object, "units") ? file.text_attribute(object, "units") : "";
}

std::vector<SummaryValue> summary_values(const ResultsReader& file, const std::string& group,
                                         const std::vector<int>& years, const std::vector<std::string>& quantiles) {
  const NumericArray q = file.numbers(group + "/quantiles");
  if (q.shape != std::vector<hsize_t>{quantiles.size(), years.size()})
    throw InputError(file.path() + ": damaged results file: " + group + "/quantiles is not [quantile, year]");
  std::vector<std::pair<std::string, NumericArray>> series;
  for (const char* name : {"mean", "sd", "defined_fraction"}) {
    const std::string dataset = group + "/" + name;
    if (!file.exists(dataset)) continue;
    series.emplace_back(name, file.numbers(dataset));
    if (series.back().second.values.size() != years.size())
      throw InputError(file.path() + ": damaged results file: " + dataset + " is not [year]");
  }
  std::vector<SummaryValue> values;
  for (std::size_t y = 0; y < years.size(); ++y) {
    for (std::size_t k = 0; k < quantiles.size(); ++k) values.push_back({years[y], quantiles[k], q.at(k, y)});
    for (const auto& [name, array] : series) values.push_back({years[y], name, array.values[y]});
  }
  return values;
}

CsvTable metadata_table(const ResultsReader& file) { return metadata_table(file, {"scenario_yaml"}); }

CsvTable metadata_table(const ResultsReader& file, const std::vector<std::string>& excluded) {
  CsvTable table({"key", "value"});
  std::vector<std::string> names = file.attribute_names("/");
  for (const auto& name : excluded) names.erase(std::remove(names.begin(), names.end(), name), names.end());
  for (const auto& name : in_preferred_order(names, kRootAttributeOrder))
    table.add({name, attribute_as_text(file.attribute("/", name))});
  return table;
}

std::vector<ExportedFile> export_results(const ResultsReader& file) {
  std::vector<ExportedFile> files{{"indicators.csv", indicators_table(file).text()},
                                  {"sectors.csv", sectors_table(file).text()},
                                  {"targets.csv", targets_table(file).text()}};
  if (file.is_group("/interventions")) {
    files.push_back({"interventions.csv", interventions_table(file).text()});
    files.push_back({"appraisal.csv", appraisal_table(file).text()});
    files.push_back({"vfm.csv", vfm_table(file).text()});
  }
  files.push_back({"metadata.csv", metadata_table(file).text()});
  if (file.has_attribute("/", "scenario_yaml"))
    files.push_back({"scenario.yaml", file.text_attribute("/", "scenario_yaml")});
  return files;
}

}  // namespace lissim::sim
