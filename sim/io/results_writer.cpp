#include "sim/io/hdf5_file.h"
#include "sim/io/results_writer.h"

#include <cmath>

#include "sim/engine/quantile_selector.h"
#include "sim/io/file_header.h"
#include "sim/io/history_writer.h"
#include "sim/io/series_summary_writer.h"
#include "sim/io/sha256.h"
#include "sim/random/philox_stream.h"

namespace lissim::sim {
namespace {

using RowMajor = Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

const char* kPathNames[] = {"scenario", "counterfactual", "effect"};
const char* kPathDescriptions[] = {"", ", without interventions", ", scenario minus counterfactual draw by draw"};

hsize_t h(Eigen::Index n) { return static_cast<hsize_t>(n); }

void write_met_bits(const H5Group& g, const char* name, const std::vector<std::uint8_t>& bits,
                    const char* description) {
  const H5Dataset set = g.write(name, bits);
  set.set_units("1", description);
  set.set_dims({"draw_byte"});
  set.attribute("bit_order", std::string("little: draw d is bit d % 8 of byte d / 8 (numpy.packbits bitorder=little)"));
}

}  // namespace

ResultsWriter::ResultsWriter(const std::string& path, const Simulator& simulator, bool keep_draws, bool keep_samples)
    : simulator_(simulator),
      scenario_(simulator.scenario()),
      keep_draws_(keep_draws),
      checksum_(simulator.scenario().parameters.uncertain().size()) {
  quiet_hdf5_errors();
  file_ = std::make_unique<H5OutputFile>(path);
  write_root_attributes();
  H5Group& root = file_->root();
  const SeriesLayout& layout = simulator_.layout();
  met_bits_.assign(static_cast<std::size_t>(layout.met_count()),
                   std::vector<std::uint8_t>(static_cast<std::size_t>((scenario_.draws + 7) / 8), 0));

  std::vector<int> years;
  for (int y = 0; y < layout.years; ++y) years.push_back(scenario_.base_year() + y);
  const H5Dataset year_scale = root.write("years", years);
  year_scale.set_units("year", "Calendar years, base year first");
  year_scale.make_scale("year");
  const H5Dataset sector_scale = root.write("sectors", scenario_.baseline.sectors.ids);
  sector_scale.set_units("", "Sector ids, in the order of sector datasets");
  sector_scale.make_scale("sector");
  const H5Dataset quantile_scale = root.write("quantile_levels", {kQuantileLevels.size()}, kQuantileLevels.data());
  quantile_scale.set_units("1", "Probability levels of the quantiles datasets");
  quantile_scale.make_scale("quantile");
  const H5Dataset draw_scale = root.write_index("draw_index", h(scenario_.draws));
  draw_scale.set_units("", "Draw number from 0: the rows of every per-draw dataset");
  draw_scale.make_scale("draw");
  const H5Dataset byte_scale = root.write_index("draw_byte_index", h((scenario_.draws + 7) / 8));
  byte_scale.set_units("", "Byte number from 0 of the packed per-draw flags: byte b holds draws 8b .. 8b + 7");
  byte_scale.make_scale("draw_byte");

  // The uncertain parameters; with keep_samples their values, in the file's units, a row per draw.
  parameters_ = std::make_unique<H5Group>(root.group("parameters"));
  const H5Group& params = *parameters_;
  std::vector<std::string> names, units, distributions;
  for (const int i : scenario_.parameters.uncertain()) {
    const Parameter& p = scenario_.parameters.at(i);
    names.push_back(p.name);
    units.push_back(p.units);
    distributions.push_back(p.distribution.describe());
  }
  const H5Dataset parameter_scale = params.write("names", names);
  parameter_scale.set_units("", "Key paths of the uncertain parameters (columns of samples)");
  parameter_scale.make_scale("parameter");
  const H5Dataset parameter_units = params.write("units", units);
  parameter_units.set_units("", "Units of each parameter as written in the scenario or seed files");
  parameter_units.set_dims({"parameter"});
  const H5Dataset parameter_distributions = params.write("distributions", distributions);
  parameter_distributions.set_units("", "The distribution each parameter is drawn from");
  parameter_distributions.set_dims({"parameter"});
  if (keep_samples) {
    samples_ = std::make_unique<H5Dataset>(
        params.create_chunked("samples", h(scenario_.draws), h(static_cast<Eigen::Index>(names.size())), false));
    samples_->set_units("file units (see units)", "Sampled value of each uncertain parameter, per draw");
    samples_->set_dims({"draw", "parameter"});
  }

  for (int k = 0; k < layout.paths; ++k) {
    PathGroups p{root.group(kPathNames[k]), {}, {}};
    H5Group indicators = p.group.group("indicators");
    // Draws are kept for the scenario and the counterfactual; the effect is their difference.
    const bool keep = keep_draws_ && k != static_cast<int>(Path::effect);
    for (int i = 0; i < models::kIndicatorCount; ++i) {
      const auto& info = models::indicator_info(static_cast<models::Indicator>(i));
      p.indicators.push_back(indicators.group(std::string(info.name)));
      if (keep) {
        p.draws.push_back(p.indicators.back().create_chunked("draws", h(scenario_.draws), h(layout.years), false));
        p.draws.back().set_units(std::string(info.units),
                                 std::string(info.description) + kPathDescriptions[k] + ", every draw");
        p.draws.back().set_dims({"draw", "year"});
      }
    }
    paths_.push_back(std::move(p));
  }
  if (layout.interventions > 0) interventions_ = std::make_unique<InterventionsWriter>(root, simulator_);
}

ResultsWriter::~ResultsWriter() = default;

void ResultsWriter::write_root_attributes() {
  const H5Group& root = file_->root();
  write_file_header(root, kFiletype, kFormatMajor, kResultsFormatMinor);
  root.attribute("seed", static_cast<std::int64_t>(scenario_.seed));
  root.attribute("draws", static_cast<std::int64_t>(scenario_.draws));
  root.attribute("rng_scheme", std::string(kRngScheme));
  root.attribute("scenario_name", scenario_.name);
  root.attribute("scenario_description", scenario_.description);
  root.attribute("scenario_file", scenario_.file);
  root.attribute("scenario_yaml", scenario_.resolved_yaml);
  root.attribute("scenario_sha256", sha256_hex(scenario_.resolved_yaml));
  root.attribute("base_year", static_cast<std::int64_t>(scenario_.base_year()));
  root.attribute("horizon", static_cast<std::int64_t>(scenario_.horizon));
  root.attribute("deadline", static_cast<std::int64_t>(scenario_.deadline));
}

void ResultsWriter::on_chunk(const ChunkValues& chunk) {
  quiet_hdf5_errors();  // called on the engine's worker threads
  if (chunk.parameter_samples.cols() > 0) {
    checksum_.add(chunk.first_draw, chunk.parameter_samples);
    if (samples_) {
      const RowMajor samples = chunk.parameter_samples;
      samples_->write_rows(chunk.first_draw, h(chunk.draws), samples.data());
    }
  }
  const SeriesLayout& layout = simulator_.layout();
  for (int path = 0; path < layout.paths; ++path) {
    const auto& draws = paths_[static_cast<std::size_t>(path)].draws;
    for (std::size_t i = 0; i < draws.size(); ++i) {
      const RowMajor values =
          chunk.series[static_cast<std::size_t>(layout.indicator_series(path, static_cast<models::Indicator>(i)))];
      draws[i].write_rows(chunk.first_draw, h(chunk.draws), values.data());
    }
  }
  if (interventions_) interventions_->on_chunk(chunk);
  for (int m = 0; m < layout.met_count(); ++m) {
    const Eigen::ArrayXd& flags = chunk.draw_values[static_cast<std::size_t>(layout.met_flag_value_index(m))];
    std::vector<std::uint8_t>& bits = met_bits_[static_cast<std::size_t>(m)];
    for (Eigen::Index d = 0; d < chunk.draws; ++d) {
      if (flags[d] == 0.0) continue;
      const std::uint64_t draw = chunk.first_draw + static_cast<std::uint64_t>(d);
      bits[draw / 8] = static_cast<std::uint8_t>(bits[draw / 8] | (1u << (draw % 8)));
    }
  }
}

void ResultsWriter::write_path(const RunSummary& summary, int path, const PathGroups& groups) {
  const SeriesLayout& layout = summary.layout;
  for (int i = 0; i < models::kIndicatorCount; ++i) {
    const auto indicator = static_cast<models::Indicator>(i);
    const auto& info = models::indicator_info(indicator);
    const SeriesSummary& s = summary.series[static_cast<std::size_t>(layout.indicator_series(path, indicator))];
    write_series_summary(groups.indicators[static_cast<std::size_t>(i)], s, summary.draws, std::string(info.units),
                         std::string(info.description) + kPathDescriptions[path]);
  }
  H5Group sectors = groups.group.group("sectors");
  const int n = layout.sectors, years = layout.years;
  auto write_sector_series = [&](const char* name, const char* units, const char* description, auto series_of) {
    H5Group g = sectors.group(name);
    RowMajor quantiles(static_cast<Eigen::Index>(kQuantileLevels.size()), years * n);
    RowMajor mean(years, n), sd(years, n);
    for (int s = 0; s < n; ++s) {
      const SeriesSummary& ss = summary.series[static_cast<std::size_t>(series_of(path, s))];
      for (int y = 0; y < years; ++y) {
        for (Eigen::Index q = 0; q < quantiles.rows(); ++q) quantiles(q, y * n + s) = ss.quantiles(q, y);
        mean(y, s) = ss.mean[y];
        sd(y, s) = ss.sd[y];
      }
    }
    const hsize_t k = kQuantileLevels.size();
    auto qs = g.write("quantiles", {k, h(years), h(n)}, quantiles.data());
    qs.set_units(units, description);
    qs.set_dims({"quantile", "year", "sector"});
    for (auto [dataset, data] : {std::pair{"mean", &mean}, std::pair{"sd", &sd}}) {
      auto set = g.write(dataset, {h(years), h(n)}, data->data());
      set.set_units(units, description);
      set.set_dims({"year", "sector"});
    }
  };
  write_sector_series("jobs", "persons", "Workplace jobs by sector",
                      [&](int p, int s) { return layout.sector_jobs_series(p, s); });
  write_sector_series("gva_per_hour", "GBP per hour (base-year prices)", "Real GVA per hour worked by sector",
                      [&](int p, int s) { return layout.sector_gva_series(p, s); });
}

void ResultsWriter::write_targets(const RunSummary& summary) {
  const SeriesLayout& layout = summary.layout;
  H5Group targets = file_->root().group("targets");
  const int deadline_index = scenario_.deadline - scenario_.base_year();
  const int counterfactual = layout.met_paths() > 1 ? 1 : 0;
  for (int t = 0; t <= layout.targets; ++t) {
    const bool joint = t == layout.targets;
    const models::Target* target = joint ? nullptr : &scenario_.targets[static_cast<std::size_t>(t)];
    H5Group g = targets.group(joint ? "all" : target->id);
    const Eigen::ArrayXd met = summary.prob_met.row(layout.met_index(0, t)).transpose();
    const Eigen::ArrayXd met0 = summary.prob_met.row(layout.met_index(counterfactual, t)).transpose();
    const H5Dataset prob_met = g.write("prob_met", {h(met.size())}, met.data());
    prob_met.set_units("1", "Probability that the target is met in each year");
    prob_met.set_dims({"year"});
    const H5Dataset prob_met0 = g.write("prob_met_counterfactual", {h(met0.size())}, met0.data());
    prob_met0.set_units("1", "Probability that the target is met in each year without the interventions");
    prob_met0.set_dims({"year"});
    // As a monitoring report would judge it, on the published series (docs/model.md section 11).
    const Eigen::ArrayXd judged = summary.prob_met.row(layout.judged_index(0, t)).transpose();
    const Eigen::ArrayXd judged0 = summary.prob_met.row(layout.judged_index(counterfactual, t)).transpose();
    const H5Dataset prob_judged = g.write("prob_judged_met", {h(judged.size())}, judged.data());
    prob_judged.set_units("1", "Probability that the published figures show the target met in each year");
    prob_judged.set_dims({"year"});
    const H5Dataset prob_judged0 = g.write("prob_judged_met_counterfactual", {h(judged0.size())}, judged0.data());
    prob_judged0.set_units("1", "Probability that the published figures show the target met without the interventions");
    prob_judged0.set_dims({"year"});
    g.attribute("description", joint ? std::string("All targets met jointly") : target->description);
    if (!joint) {
      const auto& info = models::indicator_info(target->indicator);
      g.attribute("indicator", std::string(info.name));
      g.attribute("rule", std::string(models::rule_name(target->rule)));
      g.attribute("threshold", target->threshold);
      g.attribute("threshold_units",
                  target->rule == models::TargetRule::reduce_by ? std::string("fraction of the base-year value")
                                                                : std::string(info.units));
      g.attribute("published_series", target->published.series);
      g.attribute("published_noise", std::string(models::noise_name(target->published.noise)));
      g.attribute("published_noise_sd", target->published.noise_sd);
      g.attribute("published_autocorrelation", target->published.autocorrelation);
      if (target->rule == models::TargetRule::share_of_growth_at_least) {
        g.attribute("numerator", std::string(models::indicator_info(target->numerator).name));
        g.attribute("denominator", std::string(models::indicator_info(target->denominator).name));
      }
    }
    g.attribute("base_year", static_cast<std::int64_t>(scenario_.base_year()));
    g.attribute("deadline", static_cast<std::int64_t>(scenario_.deadline));
    g.attribute("prob_met_at_deadline", met[deadline_index]);
    g.attribute("prob_met_counterfactual_at_deadline", met0[deadline_index]);
    g.attribute("prob_judged_met_at_deadline", judged[deadline_index]);
    write_met_bits(g, "met_at_deadline_bits", met_bits_[static_cast<std::size_t>(layout.met_index(0, t))],
                   "Whether each draw meets the target in the deadline year, 8 draws a byte (draw d: bit d % 8 "
                   "of byte d / 8)");
    // Without interventions the counterfactual's flags are the scenario's: one dataset, two names.
    if (counterfactual == 0)
      g.hard_link(g.path() + "/met_at_deadline_bits", "met_at_deadline_bits_counterfactual");
    else
      write_met_bits(g, "met_at_deadline_bits_counterfactual",
                     met_bits_[static_cast<std::size_t>(layout.met_index(counterfactual, t))],
                     "The same without the interventions");
  }
}

std::vector<AppraisalSummary> ResultsWriter::finish(const RunSummary& summary) {
  for (int path = 0; path < summary.layout.paths; ++path)
    write_path(summary, path, paths_[static_cast<std::size_t>(path)]);
  // Without interventions the counterfactual is the scenario: one group, two names.
  if (summary.layout.paths == 1) file_->root().hard_link("/scenario", "counterfactual");
  write_targets(summary);
  write_history(file_->root(), scenario_.history);
  std::vector<AppraisalSummary> appraisal;
  if (interventions_) appraisal = interventions_->finish(summary);
  interventions_.reset();
  paths_.clear();
  parameters_->attribute("samples_checksum", checksum_.hex());
  samples_.reset();
  parameters_.reset();
  file_->close();
  return appraisal;
}

RunFootprint ResultsWriter::footprint(const Simulator& simulator, int threads, bool keep_draws, bool keep_samples) {
  const SeriesLayout& layout = simulator.layout();
  const Scenario& scenario = simulator.scenario();
  const double always = static_cast<double>(scenario.parameters.uncertain().size()) + layout.draw_value_count();
  // With --keep-draws chunks carry every series to the writer, which keeps each indicator of
  // the scenario and the counterfactual.
  const double carried = keep_draws ? static_cast<double>(layout.count()) * layout.years : 0.0;
  const double kept = keep_draws ? (layout.paths > 1 ? 2.0 : 1.0) * models::kIndicatorCount * layout.years : 0.0;
  const auto draws = static_cast<double>(scenario.draws);
  RunFootprint f = engine_footprint(layout, scenario.draws, threads, always + carried);
  if (layout.appraisal_value_count() > 0)
    f.add_memory("appraisal draws read back for exact quantiles (one measure at a time)", 2 * draws * sizeof(double));
  // The target flags are kept as bits, in memory and in the file.
  const double flag_bytes = std::ceil(draws / 8) * layout.met_count();
  f.add_memory("target flags of every draw, a bit each", flag_bytes);
  const double samples = keep_samples ? static_cast<double>(scenario.parameters.uncertain().size()) : 0.0;
  const double written = samples + layout.appraisal_value_count();
  f.file_bytes = draws * (written + kept) * sizeof(double) + flag_bytes;
  return f;
}

}  // namespace lissim::sim
