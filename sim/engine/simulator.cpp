#include "sim/engine/simulator.h"

namespace lissim::sim {
namespace {

PhiloxStream shock(const Scenario& s, const char* name) { return PhiloxStream(s.seed, std::string("shock/") + name); }

// One value per draw from a scalar stream.
void fill(const PhiloxStream& stream, bool normal, std::uint64_t first, std::uint32_t year, models::DrawArray& out) {
  for (Eigen::Index i = 0; i < out.size(); ++i) {
    const std::uint64_t draw = first + static_cast<std::uint64_t>(i);
    out[i] = normal ? stream.normal(draw, year, 0) : stream.uniform(draw, year, 0);
  }
}

// One row of independent normals per draw, index = sector.
void fill_sectors(const PhiloxStream& stream, std::uint64_t first, std::uint32_t year, models::SectorArray& out) {
  std::vector<double> row(static_cast<std::size_t>(out.cols()));
  for (Eigen::Index i = 0; i < out.rows(); ++i) {
    stream.normals(first + static_cast<std::uint64_t>(i), year, row.data(), row.size());
    for (Eigen::Index s = 0; s < out.cols(); ++s) out(i, s) = row[static_cast<std::size_t>(s)];
  }
}

}  // namespace

Simulator::Simulator(const Scenario& scenario)
    : scenario_(scenario),
      model_(scenario.baseline, scenario.correlation),
      streams_{shock(scenario, "cycle"),
               shock(scenario, "recession"),
               shock(scenario, "recession_depth"),
               shock(scenario, "jobs"),
               shock(scenario, "productivity"),
               shock(scenario, "better_jobs"),
               shock(scenario, "population"),
               shock(scenario, "residents_in_work"),
               shock(scenario, "activity"),
               shock(scenario, "comparator/employment_rate"),
               shock(scenario, "comparator/activity_rate"),
               shock(scenario, "comparator/private_density"),
               shock(scenario, "comparator/gva_per_hour")} {
  layout_.paths = 1;  // no interventions yet: the counterfactual is the scenario
  layout_.sectors = static_cast<int>(scenario.baseline.sectors.count());
  layout_.years = scenario.years();
  layout_.targets = static_cast<int>(scenario.targets.size());
}

void Simulator::draw_shocks(std::uint64_t first, Eigen::Index count, int year, models::YearShocks& z) const {
  z.resize(count, layout_.sectors);
  const auto y = static_cast<std::uint32_t>(year);
  const Streams& s = streams_;
  fill(s.cycle, true, first, y, z.cycle);
  fill(s.recession, false, first, y, z.recession_uniform);
  fill(s.recession_depth, true, first, y, z.recession_depth);
  fill_sectors(s.jobs, first, y, z.jobs);
  fill_sectors(s.productivity, first, y, z.productivity);
  fill_sectors(s.better_jobs, first, y, z.better_jobs);
  fill(s.population, true, first, y, z.population);
  fill(s.residents_in_work, true, first, y, z.residents_in_work);
  fill(s.activity, true, first, y, z.activity);
  fill(s.comparator_employment_rate, true, first, y, z.comparator_employment_rate);
  fill(s.comparator_activity_rate, true, first, y, z.comparator_activity_rate);
  fill(s.comparator_private_density, true, first, y, z.comparator_private_density);
  fill(s.comparator_gva_per_hour, true, first, y, z.comparator_gva_per_hour);
}

void Simulator::record(const models::IndicatorValues& values, const models::IndicatorValues& base,
                       const models::RegionState& state, int path, int year, BlockValues& out) const {
  for (int i = 0; i < models::kIndicatorCount; ++i)
    out.series[static_cast<std::size_t>(layout_.indicator_series(path, static_cast<models::Indicator>(i)))].col(year) =
        values[static_cast<std::size_t>(i)];
  for (int s = 0; s < layout_.sectors; ++s) {
    out.series[static_cast<std::size_t>(layout_.sector_jobs_series(path, s))].col(year) = state.jobs.col(s);
    out.series[static_cast<std::size_t>(layout_.sector_gva_series(path, s))].col(year) = state.gva_per_hour.col(s);
  }
  auto& all = out.met[static_cast<std::size_t>(layout_.met_index(path, layout_.targets))];
  all.col(year).setConstant(true);
  for (int t = 0; t < layout_.targets; ++t) {
    auto& met = out.met[static_cast<std::size_t>(layout_.met_index(path, t))];
    met.col(year) = models::target_met(scenario_.targets[static_cast<std::size_t>(t)], values, base);
    all.col(year) = all.col(year) && met.col(year);
  }
}

void Simulator::run(std::uint64_t first_draw, Eigen::Index count, BlockValues& out) const {
  out.first_draw = first_draw;
  out.draws = count;
  out.series.resize(static_cast<std::size_t>(layout_.count()));
  for (auto& s : out.series) s.resize(count, layout_.years);
  out.met.resize(static_cast<std::size_t>(layout_.met_count()));
  for (auto& m : out.met) m.resize(count, layout_.years);

  const models::DrawParameters params = draw_parameters(scenario_, first_draw, count);
  models::RegionState state;
  models::YearShocks shocks;
  models::IndicatorValues values, base;
  model_.initialise(count, state);
  model_.indicators(state, base);
  record(base, base, state, 0, 0, out);
  for (int y = 1; y < layout_.years; ++y) {
    draw_shocks(first_draw, count, scenario_.base_year() + y, shocks);
    model_.step(y, params, shocks, nullptr, state);
    model_.indicators(state, values);
    record(values, base, state, 0, y, out);
  }
}

}  // namespace lissim::sim
