#include "sim/sweep/point_summary.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/errors.h"
#include "sim/io/atomic_output.h"
#include "sim/util/input_file.h"

namespace lissim::sim {
namespace {

constexpr const char* kCheckpointMagic = "lissim-sweep-point 1";

// quantiles [7, Yc] and mean [Yc] of one series at the summary years.
void add_series(PointSummary& out, const std::string& path, const SeriesSummary& s, const std::vector<int>& years,
                const std::string& units, const std::string& description) {
  const std::size_t q = kQuantileLevels.size(), n = years.size();
  SweepArray quantiles{path + "/quantiles", {q, n}, {}, units, description};
  SweepArray mean{path + "/mean", {n}, {}, units, description};
  for (std::size_t i = 0; i < q; ++i)
    for (const int y : years) quantiles.values.push_back(s.quantiles(static_cast<Eigen::Index>(i), y));
  for (const int y : years) mean.values.push_back(s.mean[y]);
  out.push_back(std::move(quantiles));
  out.push_back(std::move(mean));
}

}  // namespace

std::vector<int> summary_year_indices(const Scenario& scenario, const std::vector<int>& years) {
  std::vector<int> wanted = years.empty() ? std::vector<int>{scenario.deadline, scenario.horizon} : years;
  if (years.empty() && scenario.deadline == scenario.horizon) wanted.pop_back();
  std::vector<int> indices;
  for (const int y : wanted) {
    if (y <= scenario.base_year() || y > scenario.horizon)
      throw InputError("sweep years: got " + std::to_string(y) + ", must be after the base year " +
                       std::to_string(scenario.base_year()) + " and not after the horizon " +
                       std::to_string(scenario.horizon));
    indices.push_back(y - scenario.base_year());
  }
  return indices;
}

PointSummary summarise_point(const Scenario& scenario, const RunSummary& run,
                             const std::vector<AppraisalSummary>& appraisal, const std::vector<int>& years) {
  const SeriesLayout& layout = run.layout;
  PointSummary out;
  const auto all_years = static_cast<std::size_t>(layout.years);
  const int counterfactual = layout.met_paths() > 1 ? 1 : 0;
  for (int t = 0; t <= layout.targets; ++t) {
    const std::string id = t == layout.targets ? "all" : scenario.targets[static_cast<std::size_t>(t)].id;
    SweepArray met{"targets/" + id + "/prob_met", {all_years}, {}, "1", "P(target met in each year), scenario"};
    SweepArray met0{"targets/" + id + "/prob_met_counterfactual", {all_years}, {}, "1",
                    "P(target met in each year) without the interventions"};
    for (int y = 0; y < layout.years; ++y) {
      met.values.push_back(run.prob_met(layout.met_index(0, t), y));
      met0.values.push_back(run.prob_met(layout.met_index(counterfactual, t), y));
    }
    out.push_back(std::move(met));
    out.push_back(std::move(met0));
  }
  const int paths[] = {static_cast<int>(Path::scenario), static_cast<int>(Path::effect)};
  const char* path_names[] = {"scenario", "effect"};
  for (int k = 0; k < 2; ++k) {
    if (paths[k] >= layout.paths) continue;
    for (int i = 0; i < models::kIndicatorCount; ++i) {
      const auto indicator = static_cast<models::Indicator>(i);
      const auto& info = models::indicator_info(indicator);
      add_series(out, std::string(path_names[k]) + "/indicators/" + std::string(info.name),
                 run.series[static_cast<std::size_t>(layout.indicator_series(paths[k], indicator))], years,
                 std::string(info.units), std::string(info.description));
    }
  }
  for (int i = 0; i < layout.interventions; ++i) {
    const bool package = i + 1 == layout.interventions;
    const std::string group =
        "interventions/" + (package ? std::string("all") : scenario.interventions[static_cast<std::size_t>(i)].design.id);
    auto series = [&](InterventionSeries s) -> const SeriesSummary& {
      return run.series[static_cast<std::size_t>(layout.intervention_series(i, s))];
    };
    add_series(out, group + "/net_additional_jobs", series(InterventionSeries::jobs_local), years, "persons",
               "Net additional jobs, local view");
    add_series(out, group + "/net_additional_gva", series(InterventionSeries::gva_local), years,
               "GBP m a year (base-year prices)", "Net additional GVA, local view");
    const AppraisalSummary& a = appraisal.at(static_cast<std::size_t>(i * models::kViewCount));
    for (const auto m : {models::AppraisalMeasure::bcr, models::AppraisalMeasure::npv,
                         models::AppraisalMeasure::cost_per_net_job}) {
      const auto& info = models::appraisal_measure_info(m);
      const DrawSummary& s = a[m];
      const std::string path = group + "/appraisal/" + std::string(info.name);
      out.push_back({path + "/quantiles", {kQuantileLevels.size()}, {s.quantiles.begin(), s.quantiles.end()},
                     std::string(info.units), std::string(info.description) + ", local view"});
      out.push_back({path + "/mean", {}, {s.mean}, std::string(info.units), std::string(info.description)});
    }
    out.push_back({group + "/appraisal/prob_bcr_at_least_1", {}, {1.0 - a.vfm_band_probability[0]}, "1",
                   "P(BCR >= 1), local view, over draws with a BCR"});
    double spend = 0;  // the package's is every intervention's
    for (int j = 0; j + 1 < layout.interventions; ++j)
      if (package || j == i) spend += scenario.interventions[static_cast<std::size_t>(j)].design.spend.sum();
    out.push_back({group + "/total_spend_gbp_m", {}, {spend}, "GBP m (base-year prices, undiscounted)",
                   "Total public spend of the point's scenario, all years"});
  }
  return out;
}

void save_point(const std::string& path, const std::string& sha, const PointSummary& summary) {
  AtomicOutput target(path, true);
  {
    std::ofstream out(target.temporary_path());
    out << kCheckpointMagic << "\n" << sha << "\n" << summary.size() << "\n";
    char number[32];
    for (const SweepArray& a : summary) {
      out << a.path << "\t" << a.units << "\t" << a.description << "\t" << a.shape.size();
      for (const std::size_t d : a.shape) out << " " << d;
      out << "\n";
      for (std::size_t i = 0; i < a.values.size(); ++i) {
        std::snprintf(number, sizeof number, "%.17g", a.values[i]);
        out << (i ? " " : "") << number;
      }
      out << "\n";
    }
    if (!out.flush()) throw IoError(path + ": cannot write the sweep checkpoint (disk full?)");
  }
  target.commit();
}

std::optional<PointSummary> load_point(const std::string& path, const std::string& sha) {
  // A checkpoint that is not a regular file, or is too big to be one, is not used.
  std::string problem;
  const std::optional<std::string> text = read_regular_file(path, 256u << 20, "256 MiB", problem);
  if (!text) return std::nullopt;
  std::istringstream in(*text);
  std::string magic, stored_sha, line;
  std::size_t count = 0;
  if (!in || !std::getline(in, magic) || magic != kCheckpointMagic || !std::getline(in, stored_sha) ||
      stored_sha != sha || !(in >> count) || !std::getline(in, line))
    return std::nullopt;
  PointSummary summary;
  for (std::size_t k = 0; k < count; ++k) {
    SweepArray a;
    std::string header, values;
    if (!std::getline(in, header) || !std::getline(in, values)) return std::nullopt;
    std::istringstream fields(header);
    std::string rank_and_shape;
    if (!std::getline(fields, a.path, '\t') || !std::getline(fields, a.units, '\t') ||
        !std::getline(fields, a.description, '\t') || !std::getline(fields, rank_and_shape))
      return std::nullopt;
    std::istringstream shape(rank_and_shape);
    std::size_t rank = 0, size = 1;
    shape >> rank;
    if (!shape || rank > 8) return std::nullopt;
    a.shape.resize(rank);
    for (std::size_t& d : a.shape) {
      shape >> d;
      if (!shape || d > (std::size_t{1} << 24) || size * d > (std::size_t{1} << 24)) return std::nullopt;
      size *= d;
    }
    std::istringstream numbers(values);
    std::string token;
    while (numbers >> token) a.values.push_back(std::strtod(token.c_str(), nullptr));
    if (!shape || a.values.size() != size) return std::nullopt;
    summary.push_back(std::move(a));
  }
  return summary;
}

}  // namespace lissim::sim
