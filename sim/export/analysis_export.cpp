// `lissim export` of the other lissim files - sweep, Sobol/Morris, sensitivity, backtest - and
// of a results file's per-draw values (--draws). Same rules as results_export.cpp: tidy
// tables, one number per row, full precision, NaN as an empty field.
#include <algorithm>
#include <map>
#include <utility>

#include "sim/errors.h"
#include "sim/io/results_writer.h"
#include "sim/io/embedded_scenario.h"
#include "sim/io/parameter_samples.h"
#include "sim/io/indicator_order.h"
#include "sim/export/results_export.h"

namespace lissim::sim {
namespace {

const char* const kPaths[] = {"scenario", "counterfactual", "effect"};
// The levels of the quantiles of backtest files that carry no /quantile_levels (docs/results.md).
const std::vector<std::string> kContractQuantiles{"q05", "q10", "q25", "q50", "q75", "q90", "q95"};

[[noreturn]] void damaged(const ResultsReader& file, const std::string& what) {
  throw InputError(file.path() + ": damaged " + file.filetype() + " file: " + what);
}

NumericArray shaped(const ResultsReader& file, const std::string& dataset, const std::vector<hsize_t>& shape,
                    const char* axes) {
  NumericArray a = file.numbers(dataset);
  if (a.shape != shape) damaged(file, dataset + " is not [" + axes + "]");
  return a;
}

std::vector<std::string> groups_in(const ResultsReader& file, const std::string& group) {
  std::vector<std::string> out;
  if (!file.is_group(group)) return out;
  for (const auto& name : file.members(group))
    if (file.is_group(group + "/" + name)) out.push_back(name);
  return out;
}

std::vector<std::string> datasets_in(const ResultsReader& file, const std::string& group) {
  std::vector<std::string> out;
  for (const auto& name : file.members(group))
    if (!file.is_group(group + "/" + name)) out.push_back(name);
  return out;
}

// A sweep's summary group: quantiles [P, Q(, Ys)] and mean [P(, Ys)], point by point.
void add_sweep_summary(CsvTable& table, const ResultsReader& file, const std::string& group,
                       const std::vector<std::string>& keys, const std::vector<int>& years,
                       const std::vector<std::string>& quantiles, std::size_t points) {
  const bool by_year = file.shape(group + "/quantiles").size() == 3;
  const std::size_t n_years = by_year ? years.size() : 1;
  const NumericArray q = by_year ? shaped(file, group + "/quantiles", {points, quantiles.size(), n_years},
                                          "point, quantile, summary_year")
                                 : shaped(file, group + "/quantiles", {points, quantiles.size()}, "point, quantile");
  const NumericArray mean = by_year ? shaped(file, group + "/mean", {points, n_years}, "point, summary_year")
                                    : shaped(file, group + "/mean", {points}, "point");
  const std::string units = units_of(file, group + "/quantiles");
  for (std::size_t p = 0; p < points; ++p) {
    for (std::size_t y = 0; y < n_years; ++y) {
      std::vector<std::string> row{csv_integer(static_cast<std::int64_t>(p))};
      row.insert(row.end(), keys.begin(), keys.end());
      if (by_year) row.push_back(csv_integer(years[y]));
      for (std::size_t k = 0; k <= quantiles.size(); ++k) {
        std::vector<std::string> r = row;
        const bool is_mean = k == quantiles.size();
        r.push_back(is_mean ? "mean" : quantiles[k]);
        r.push_back(csv_number(is_mean ? mean.values[p * n_years + y] : q.values[(p * quantiles.size() + k) * n_years + y]));
        r.push_back(units);
        table.add(std::move(r));
      }
    }
  }
}

std::vector<int> int_dataset(const ResultsReader& file, const std::string& dataset) {
  std::vector<int> out;
  for (const double v : file.numbers(dataset).values) out.push_back(static_cast<int>(v));
  return out;
}

std::vector<ExportedFile> export_sweep(const ResultsReader& file) {
  const std::vector<std::string> keys = file.texts("/points/keys");
  const NumericArray values = file.numbers("/points/values");
  const std::size_t points = values.rows();
  if (values.shape != std::vector<hsize_t>{points, keys.size()}) damaged(file, "/points/values is not [point, axis]");
  const NumericArray varied = shaped(file, "/points/varied_axis", {points}, "point");
  std::vector<std::string> columns{"point", "varied_axis"};
  columns.insert(columns.end(), keys.begin(), keys.end());
  CsvTable point_table(columns);
  for (std::size_t p = 0; p < points; ++p) {
    std::vector<std::string> row{csv_integer(static_cast<std::int64_t>(p)),
                                 varied.values[p] < 0 ? "" : keys.at(static_cast<std::size_t>(varied.values[p]))};
    for (std::size_t a = 0; a < keys.size(); ++a) row.push_back(csv_number(values.at(p, a)));
    point_table.add(std::move(row));
  }

  const std::vector<int> years = int_dataset(file, "/years"), summary_years = int_dataset(file, "/summary_years");
  const std::vector<std::string> quantiles = quantile_statistics(file);
  CsvTable indicators({"point", "path", "indicator", "year", "statistic", "value", "units"});
  for (const char* path : kPaths) {
    const std::string base = std::string("/") + path + "/indicators";
    for (const auto& name : in_preferred_order(groups_in(file, base), indicators_in_model_order()))
      add_sweep_summary(indicators, file, base + "/" + name, {path, name}, summary_years, quantiles, points);
  }
  // Row order of results_export.cpp's tables: point first, then the names.
  CsvTable targets({"point", "target", "year", "prob_met", "prob_met_counterfactual"});
  for (const auto& id : groups_in(file, "/targets")) {
    const std::string g = "/targets/" + id;
    const NumericArray met = shaped(file, g + "/prob_met", {points, years.size()}, "point, year");
    const NumericArray met0 = shaped(file, g + "/prob_met_counterfactual", {points, years.size()}, "point, year");
    for (std::size_t p = 0; p < points; ++p)
      for (std::size_t y = 0; y < years.size(); ++y)
        targets.add({csv_integer(static_cast<std::int64_t>(p)), id, csv_integer(years[y]), csv_number(met.at(p, y)),
                     csv_number(met0.at(p, y))});
  }
  CsvTable interventions({"point", "intervention", "measure", "year", "statistic", "value", "units"});
  CsvTable appraisal({"point", "intervention", "measure", "statistic", "value", "units"});
  for (const auto& id : groups_in(file, "/interventions")) {
    const std::string g = "/interventions/" + id;
    for (const auto& series : groups_in(file, g))
      if (series != "appraisal")
        add_sweep_summary(interventions, file, g + "/" + series, {id, series}, summary_years, quantiles, points);
    if (!file.is_group(g + "/appraisal")) continue;
    for (const auto& measure : groups_in(file, g + "/appraisal"))
      add_sweep_summary(appraisal, file, g + "/appraisal/" + measure, {id, measure}, {}, quantiles, points);
    for (const auto& name : datasets_in(file, g + "/appraisal")) {
      const NumericArray v = shaped(file, g + "/appraisal/" + name, {points}, "point");
      for (std::size_t p = 0; p < points; ++p)
        appraisal.add({csv_integer(static_cast<std::int64_t>(p)), id, name, "value", csv_number(v.values[p]),
                       units_of(file, g + "/appraisal/" + name)});
    }
  }
  std::vector<ExportedFile> files{{"points.csv", point_table.text()}, {"indicators.csv", indicators.text()},
                                  {"targets.csv", targets.text()}};
  if (interventions.rows() > 0) files.push_back({"interventions.csv", interventions.text()});
  if (appraisal.rows() > 0) files.push_back({"appraisal.csv", appraisal.text()});
  files.push_back({"metadata.csv", metadata_table(file, {"sweep_yaml", "base_scenario_yaml"}).text()});
  files.push_back({"sweep.yaml", file.text_attribute("/", "sweep_yaml")});
  files.push_back({"scenario.yaml", file.text_attribute("/", "base_scenario_yaml")});
  return files;
}

// Sobol, Morris and sensitivity files: per output, datasets over the factors.
CsvTable factor_statistics(const ResultsReader& file, const std::string& top, const std::vector<std::string>& factors) {
  CsvTable table({"output", "factor", "statistic", "value"});
  for (const auto& output : groups_in(file, top)) {
    const std::string g = top + "/" + output;
    for (const auto& statistic : datasets_in(file, g)) {
      const NumericArray v = shaped(file, g + "/" + statistic, {factors.size()}, "factor");
      for (std::size_t i = 0; i < factors.size(); ++i)
        table.add({output, factors[i], statistic, csv_number(v.values[i])});
    }
  }
  return table;
}

// Each output group's scalar attributes, one row per output.
CsvTable output_attributes(const ResultsReader& file, const std::string& top, const std::vector<std::string>& names) {
  std::vector<std::string> columns{"output"};
  columns.insert(columns.end(), names.begin(), names.end());
  CsvTable table(columns);
  for (const auto& output : groups_in(file, top)) {
    std::vector<std::string> row{output};
    for (const auto& name : names)
      row.push_back(file.has_attribute(top + "/" + output, name)
                        ? attribute_as_text(file.attribute(top + "/" + output, name))
                        : "");
    table.add(std::move(row));
  }
  return table;
}

std::vector<ExportedFile> export_sobol(const ResultsReader& file) {
  const std::string top = file.is_group("/morris") ? "/morris" : "/sobol";
  const std::vector<std::string> factors = file.texts(top + "/factors");
  CsvTable factor_table({"factor", "parameters"});
  const std::vector<std::string> members =
      file.exists(top + "/factor_parameters") ? file.texts(top + "/factor_parameters") : std::vector<std::string>{};
  for (std::size_t i = 0; i < factors.size(); ++i)
    factor_table.add({factors[i], i < members.size() ? members[i] : ""});
  std::vector<ExportedFile> files{{"indices.csv", factor_statistics(file, top, factors).text()},
                                  {"factors.csv", factor_table.text()}};
  if (top == "/sobol")
    files.push_back(
        {"outputs.csv", output_attributes(file, top, {"confidence", "mean", "variance", "rows_dropped"}).text()});
  files.push_back({"metadata.csv", metadata_table(file, {"subject"}).text()});
  if (file.has_attribute("/", "subject")) files.push_back({"subject.yaml", file.text_attribute("/", "subject")});
  return files;
}

std::vector<ExportedFile> export_sensitivity(const ResultsReader& file) {
  const std::vector<std::string> factors = file.texts("/sensitivity/factors");
  return {{"coefficients.csv", factor_statistics(file, "/sensitivity", factors).text()},
          {"outputs.csv", output_attributes(file, "/sensitivity", {"source", "units", "description", "r2_linear",
                                                                   "r2_rank", "draws_used", "draws_dropped"})
                              .text()},
          {"metadata.csv", metadata_table(file, {}).text()}};
}

// The backtest's two-value datasets: the names of their two values (scores.csv rows name_low, ...).
const std::map<std::string, std::pair<std::string, std::string>> kBacktestPairs = {
    {"coverage_50_interval", {"low", "high"}},
    {"coverage_90_interval", {"low", "high"}},
    {"crps_minus_no_change", {"mean", "se"}},
    {"crps_minus_trend", {"mean", "se"}}};

// /backtest/<series>/h<H>/: scalar scores (and the two-value ones as two rows), and per-region
// values keyed by region code (the ITL1 parent as statistic "cluster").
std::vector<ExportedFile> export_backtest(const ResultsReader& file) {
  CsvTable scores({"series", "horizon", "statistic", "value", "units"});
  CsvTable regions({"series", "horizon", "region", "statistic", "value"});
  CsvTable metadata = metadata_table(file, {});
  const std::vector<std::string> quantiles =
      file.exists("/quantile_levels") ? quantile_statistics(file) : kContractQuantiles;
  for (const auto& series : groups_in(file, "/backtest")) {
    for (const auto& h : groups_in(file, "/backtest/" + series)) {
      const std::string g = "/backtest/" + series + "/" + h;
      const std::string horizon = h.size() > 1 && h[0] == 'h' ? h.substr(1) : h;
      const std::vector<std::string> codes = file.texts(g + "/codes");
      for (const auto& name : datasets_in(file, g)) {
        if (name == "codes") continue;
        const std::string d = g + "/" + name;
        const std::vector<hsize_t> shape = file.shape(d);
        if (shape.empty()) {
          scores.add({series, horizon, name, csv_number(file.numbers(d).values.at(0)), units_of(file, d)});
        } else if (const auto pair = kBacktestPairs.find(name); pair != kBacktestPairs.end()) {
          const NumericArray v = shaped(file, d, {2}, "two values");
          scores.add({series, horizon, name + "_" + pair->second.first, csv_number(v.values[0]), units_of(file, d)});
          scores.add({series, horizon, name + "_" + pair->second.second, csv_number(v.values[1]), units_of(file, d)});
        } else if (name == "clusters") {
          const std::vector<std::string> clusters = file.texts(d);
          if (clusters.size() != codes.size()) damaged(file, d + " has " + std::to_string(clusters.size()) + " values, not one per region");
          for (std::size_t r = 0; r < codes.size(); ++r) regions.add({series, horizon, codes[r], "cluster", clusters[r]});
        } else if (name == "quantiles") {
          const NumericArray q = shaped(file, d, {quantiles.size(), codes.size()}, "quantile, region");
          for (std::size_t r = 0; r < codes.size(); ++r)
            for (std::size_t k = 0; k < quantiles.size(); ++k)
              regions.add({series, horizon, codes[r], quantiles[k], csv_number(q.at(k, r))});
        } else {
          const NumericArray v = shaped(file, d, {codes.size()}, "region");
          for (std::size_t r = 0; r < codes.size(); ++r)
            regions.add({series, horizon, codes[r], name, csv_number(v.values[r])});
        }
      }
      for (const auto& attribute : file.attribute_names(g))
        metadata.add({g.substr(1) + "/" + attribute, attribute_as_text(file.attribute(g, attribute))});
    }
  }
  return {{"scores.csv", scores.text()}, {"regions.csv", regions.text()}, {"metadata.csv", metadata.text()}};
}

}  // namespace

std::vector<ExportedFile> export_draws(const ResultsReader& file) {
  const std::size_t draws = static_cast<std::size_t>(file.integer_attribute("/", "draws"));
  std::vector<ExportedFile> files;
  CsvTable parameters({"draw", "parameter", "value", "units"});
  // Kept in the file or, without --keep-samples, drawn again from its scenario and seed.
  if (file.exists("/parameters/names") && !file.texts("/parameters/names").empty()) {
    const ParameterSamples s = read_parameter_samples(file);
    const std::vector<std::string>& names = s.names;
    const std::vector<std::string> units =
        file.exists("/parameters/units") ? file.texts("/parameters/units") : std::vector<std::string>(names.size());
    for (std::size_t d = 0; d < draws; ++d)
      for (std::size_t k = 0; k < names.size(); ++k)
        parameters.add({csv_integer(static_cast<std::int64_t>(d)), names[k],
                        csv_number(s.values(static_cast<Eigen::Index>(d), static_cast<Eigen::Index>(k))), units.at(k)});
  }
  files.push_back({"parameters.csv", parameters.text()});

  CsvTable indicators({"path", "indicator", "draw", "year", "value", "units"});
  const std::vector<int> years = file_years(file);
  for (const char* path : kPaths) {
    const std::string base = std::string("/") + path + "/indicators";
    for (const auto& name : in_preferred_order(groups_in(file, base), indicators_in_model_order())) {
      const std::string d = base + "/" + name + "/draws";
      if (!file.exists(d)) continue;
      const NumericArray v = shaped(file, d, {draws, years.size()}, "draw, year");
      const std::string units = units_of(file, d);
      for (std::size_t i = 0; i < draws; ++i)
        for (std::size_t y = 0; y < years.size(); ++y)
          indicators.add({path, name, csv_integer(static_cast<std::int64_t>(i)), csv_integer(years[y]),
                          csv_number(v.at(i, y)), units});
    }
  }
  if (indicators.rows() > 0) files.push_back({"draws.csv", indicators.text()});

  CsvTable appraisal({"intervention", "view", "measure", "draw", "value", "units"});
  for (const auto& id : groups_in(file, "/interventions")) {
    for (const auto& [group, view] : {std::pair{"appraisal", "local"}, std::pair{"appraisal_national", "national"}}) {
      const std::string g = "/interventions/" + id + "/" + group;
      if (!file.is_group(g)) continue;
      for (const auto& measure : datasets_in(file, g)) {
        if (measure == "vfm_band_probability") continue;
        const NumericArray v = shaped(file, g + "/" + measure, {draws}, "draw");
        const std::string units = units_of(file, g + "/" + measure);
        for (std::size_t i = 0; i < draws; ++i)
          appraisal.add({id, view, measure, csv_integer(static_cast<std::int64_t>(i)), csv_number(v.values[i]), units});
      }
    }
  }
  if (appraisal.rows() > 0) files.push_back({"appraisal_draws.csv", appraisal.text()});
  return files;
}

std::vector<ExportedFile> export_file(const ResultsReader& file, bool draws) {
  const std::string& type = file.filetype();
  if (draws && type != kFiletype)
    throw InputError(file.path() + ": a " + type + " file has no per-draw values; --draws is for results files");
  std::vector<ExportedFile> files;
  if (type == kFiletype) files = export_results(file);
  if (type == kSweepFileKind) files = export_sweep(file);
  if (type == kSobolFileKind) files = export_sobol(file);
  if (type == kSensitivityFileKind) files = export_sensitivity(file);
  if (type == kBacktestFileKind) files = export_backtest(file);
  if (draws) {
    std::vector<ExportedFile> more = export_draws(file);
    files.insert(files.end(), more.begin(), more.end());
  }
  return files;
}

const std::vector<std::string>& exported_file_kinds() {
  static const std::vector<std::string> kinds{kFiletype, kSweepFileKind, kSobolFileKind, kSensitivityFileKind,
                                              kBacktestFileKind};
  return kinds;
}

const std::vector<std::string>& export_file_names() {
  static const std::vector<std::string> names{
      "indicators.csv", "sectors.csv",     "targets.csv",      "interventions.csv", "appraisal.csv",
      "vfm.csv",        "metadata.csv",    "scenario.yaml",    "points.csv",        "sweep.yaml",
      "indices.csv",    "factors.csv",     "outputs.csv",      "subject.yaml",      "coefficients.csv",
      "scores.csv",     "regions.csv",     "parameters.csv",   "draws.csv",         "appraisal_draws.csv"};
  return names;
}

}  // namespace lissim::sim
