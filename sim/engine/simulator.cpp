#include "sim/engine/simulator.h"

#include <cstdio>
#include <cmath>
#include <optional>
#include <string>
#include <unordered_map>

#include "sim/engine/intervention_package.h"
#include "sim/engine/shock_cache.h"
#include "sim/errors.h"

namespace lissim::sim {
namespace {

PhiloxStream shock(const Scenario& s, const char* name) { return PhiloxStream(s.seed, std::string("shock/") + name); }

// One value per draw from a scalar stream; consecutive draws in one vectorised batch.
// repeat_of[i] < i: row i takes the shocks of an earlier row of the block with the same shock
// draw (a design's evaluations share draws), copied instead of generated again. Empty: none.
void fill(const PhiloxStream& stream, bool normal, const DrawInputs& in, const std::vector<Eigen::Index>& repeat_of,
          std::uint32_t year, models::DrawArray& out) {
  if (repeat_of.empty()) {
    const DrawBatch draws{in.first_draw, nullptr, static_cast<std::size_t>(out.size())};
    if (normal) stream.normals(draws, year, 1, out.data(), draws.count);
    else stream.uniforms(draws, year, 1, out.data(), draws.count);
    return;
  }
  for (Eigen::Index i = 0; i < out.size(); ++i) {
    if (repeat_of[i] != i) {
      out[i] = out[repeat_of[i]];
      continue;
    }
    const std::uint64_t draw = in.shock_draw(i);
    out[i] = normal ? stream.normal(draw, year, 0) : stream.uniform(draw, year, 0);
  }
}

// One row of independent normals per draw, index = sector.
void fill_sectors(const PhiloxStream& stream, const DrawInputs& in, const std::vector<Eigen::Index>& repeat_of,
                  std::uint32_t year, models::SectorArray& out) {
  if (repeat_of.empty()) {  // column-major: sector s of draw i at s * rows + i
    const DrawBatch draws{in.first_draw, nullptr, static_cast<std::size_t>(out.rows())};
    stream.normals(draws, year, static_cast<std::size_t>(out.cols()), out.data(), draws.count);
    return;
  }
  std::vector<double> row(static_cast<std::size_t>(out.cols()));
  for (Eigen::Index i = 0; i < out.rows(); ++i) {
    if (repeat_of[i] != i) {
      out.row(i) = out.row(repeat_of[i]);
      continue;
    }
    stream.normals(in.shock_draw(i), year, row.data(), row.size());
    for (Eigen::Index s = 0; s < out.cols(); ++s) out(i, s) = row[s];
  }
}

// For each row of a design, the first row with its shock draw: rows that share a shock draw
// take its shocks once. Empty when every row has its own.
std::vector<Eigen::Index> shock_repeats(const DrawInputs& inputs) {
  std::vector<Eigen::Index> repeat_of;
  if (!inputs.shock_draws) return repeat_of;
  std::unordered_map<std::uint64_t, Eigen::Index> first_row;
  repeat_of.resize(static_cast<std::size_t>(inputs.count));
  for (Eigen::Index i = 0; i < inputs.count; ++i)
    repeat_of[static_cast<std::size_t>(i)] = first_row.try_emplace(inputs.shock_draw(i), i).first->second;
  return repeat_of;
}

}  // namespace

Simulator::Simulator(const Scenario& scenario, ShockCache* cache)
    : scenario_(scenario),
      cache_(cache && cache->serves(scenario) ? cache : nullptr),
      model_(scenario.baseline, scenario.national_path, scenario.correlation, scenario.targets),
      streams_{shock(scenario, "cycle"),
               shock(scenario, "recession"),
               shock(scenario, "recession_depth"),
               shock(scenario, "national/jobs"),
               shock(scenario, "national/productivity"),
               shock(scenario, "national/employment_rate"),
               shock(scenario, "national/activity_rate"),
               shock(scenario, "differential/step"),
               shock(scenario, "differential/transitory"),
               shock(scenario, "jobs"),
               shock(scenario, "productivity"),
               shock(scenario, "better_jobs"),
               shock(scenario, "population"),
               shock(scenario, "residents_in_work"),
               shock(scenario, "activity"),
               shock(scenario, "national/jobs_drift"),
               shock(scenario, "national/productivity_drift"),
               shock(scenario, "differential/drift"),
               shock(scenario, "differential/transitory_base"),
               {},
               {}} {
  for (const models::Target& t : scenario.targets) {
    streams_.measurement.push_back(shock(scenario, ("measurement/" + t.id).c_str()));
    streams_.measurement_drift.push_back(shock(scenario, ("measurement_drift/" + t.id).c_str()));
  }
  layout_ = SeriesLayout::of(scenario);
}

void Simulator::draw_shocks(const DrawInputs& in, const std::vector<Eigen::Index>& repeat_of, int year,
                            models::YearShocks& z) const {
  z.resize(in.count, layout_.sectors, layout_.targets);
  const auto y = static_cast<std::uint32_t>(year);
  const Streams& s = streams_;
  fill(s.cycle, true, in, repeat_of, y, z.cycle);
  fill(s.recession, false, in, repeat_of, y, z.recession_uniform);
  fill(s.recession_depth, true, in, repeat_of, y, z.recession_depth);
  fill(s.national_jobs, true, in, repeat_of, y, z.national_jobs);
  fill(s.national_productivity, true, in, repeat_of, y, z.national_productivity);
  fill(s.national_employment_rate, true, in, repeat_of, y, z.national_employment_rate);
  fill(s.national_activity_rate, true, in, repeat_of, y, z.national_activity_rate);
  fill_sectors(s.differential_step, in, repeat_of, y, z.differential_step);
  fill_sectors(s.differential_transitory, in, repeat_of, y, z.differential_transitory);
  fill_sectors(s.jobs, in, repeat_of, y, z.jobs);
  fill_sectors(s.productivity, in, repeat_of, y, z.productivity);
  fill_sectors(s.better_jobs, in, repeat_of, y, z.better_jobs);
  fill(s.population, true, in, repeat_of, y, z.population);
  fill(s.residents_in_work, true, in, repeat_of, y, z.residents_in_work);
  fill(s.activity, true, in, repeat_of, y, z.activity);
  for (int t = 0; t < layout_.targets; ++t) {
    models::DrawArray column(in.count);
    fill(s.measurement[static_cast<std::size_t>(t)], true, in, repeat_of, y, column);
    z.measurement.col(t) = column;
    fill(s.measurement_drift[static_cast<std::size_t>(t)], true, in, repeat_of, y, column);
    z.measurement_drift.col(t) = column;
  }
}

void Simulator::draw_base_shocks(const DrawInputs& in, const std::vector<Eigen::Index>& repeat_of,
                                 models::BaseShocks& z) const {
  z.resize(in.count, layout_.targets);
  const auto y = static_cast<std::uint32_t>(scenario_.base_year());
  const Streams& s = streams_;
  fill(s.national_jobs_drift, true, in, repeat_of, y, z.national_jobs_drift);
  fill(s.national_productivity_drift, true, in, repeat_of, y, z.national_productivity_drift);
  fill_sectors(s.differential_drift, in, repeat_of, y, z.differential_drift);
  fill_sectors(s.differential_transitory_base, in, repeat_of, y, z.differential_transitory);
  for (int t = 0; t < layout_.targets; ++t) {
    models::DrawArray column(in.count);
    fill(s.measurement[static_cast<std::size_t>(t)], true, in, repeat_of, y, column);
    z.measurement.col(t) = column;
  }
}

void Simulator::record(const models::IndicatorValues& values, const models::IndicatorValues& base,
                       const models::RegionState& state, int path, int year, BlockValues& out) const {
  for (int i = 0; i < models::kIndicatorCount; ++i)
    out.series[layout_.indicator_series(path, static_cast<models::Indicator>(i))].col(year) = values[i];
  for (int s = 0; s < layout_.sectors; ++s) {
    out.series[layout_.sector_jobs_series(path, s)].col(year) = state.jobs.col(s);
    out.series[layout_.sector_gva_series(path, s)].col(year) = state.gva_per_hour.col(s);
  }
  auto& all = out.met[layout_.met_index(path, layout_.targets)];
  auto& all_judged = out.met[layout_.judged_index(path, layout_.targets)];
  all.col(year).setConstant(true);
  all_judged.col(year).setConstant(true);
  for (int t = 0; t < layout_.targets; ++t) {
    const auto k = static_cast<std::size_t>(t);
    const models::TargetJudgement j = models::judge_target(scenario_.targets[k], values, base, state.measurement[k]);
    out.met[layout_.met_index(path, t)].col(year) = j.met;
    out.met[layout_.judged_index(path, t)].col(year) = j.judged;
    all.col(year) = all.col(year) && j.met;
    all_judged.col(year) = all_judged.col(year) && j.judged;
  }
  if (year != scenario_.deadline - scenario_.base_year()) return;
  for (int t = 0; t <= layout_.targets; ++t) {
    const int m = layout_.met_index(path, t);
    out.draw_values[static_cast<std::size_t>(layout_.met_flag_value_index(m))] =
        out.met[static_cast<std::size_t>(m)].col(year).cast<double>();
  }
}

void Simulator::check_finite(const BlockValues& out) const {
  for (int k = 0; k < layout_.count(); ++k) {
    const Eigen::ArrayXXd& values = out.series[k];
    if (values.isFinite().all()) continue;
    const bool nan_allowed = layout_.may_be_undefined(k);
    for (Eigen::Index y = 0; y < values.cols(); ++y)
      for (Eigen::Index d = 0; d < values.rows(); ++d) {
        const double x = values(d, y);
        if (std::isfinite(x) || (nan_allowed && std::isnan(x))) continue;
        throw ModelError("draw " + std::to_string(out.first_draw + static_cast<std::uint64_t>(d)) + ", year " +
                         std::to_string(scenario_.base_year() + static_cast<int>(y)) + ": the " + layout_.describe(k) +
                         " is " + (std::isnan(x) ? "not a number" : x > 0 ? "+infinity" : "-infinity") +
                         "; the scenario's numbers drive the model out of range (spend, effects or shocks too large?)");
      }
  }
}

void Simulator::check_rates(const BlockValues& out) const {
  using models::Indicator;
  const int paths = layout_.paths > 1 ? 2 : 1;  // the scenario and the counterfactual, not their difference
  for (int path = 0; path < paths; ++path)
    for (const Indicator rate : {Indicator::employment_rate, Indicator::activity_rate,
                                 Indicator::comparator_employment_rate, Indicator::comparator_activity_rate}) {
      const int k = layout_.indicator_series(path, rate);
      const Eigen::ArrayXXd& values = out.series[static_cast<std::size_t>(k)];
      if ((values >= 0.0).all() && (values <= 100.0).all()) continue;
      for (Eigen::Index y = 0; y < values.cols(); ++y)
        for (Eigen::Index d = 0; d < values.rows(); ++d) {
          const double x = values(d, y);
          if (x >= 0.0 && x <= 100.0) continue;
          char value[32];
          std::snprintf(value, sizeof value, "%.4g%%", x);
          throw ModelError("draw " + std::to_string(out.first_draw + static_cast<std::uint64_t>(d)) + ", year " +
                           std::to_string(scenario_.base_year() + static_cast<int>(y)) + ": the " + layout_.describe(k) +
                           " is " + value + ", outside [0, 100]%; the scenario's numbers make the region impossible "
                           "(e.g. a working-age population falling faster than the residents in work)");
        }
    }
}

void Simulator::record_effect(const models::IndicatorValues& scenario, const models::IndicatorValues& counterfactual,
                              const models::RegionState& with, const models::RegionState& without, int year,
                              BlockValues& out) const {
  const int path = static_cast<int>(Path::effect);
  for (int i = 0; i < models::kIndicatorCount; ++i) {
    const auto k = static_cast<std::size_t>(i);
    out.series[layout_.indicator_series(path, static_cast<models::Indicator>(i))].col(year) =
        scenario[k] - counterfactual[k];
  }
  for (int s = 0; s < layout_.sectors; ++s) {
    out.series[layout_.sector_jobs_series(path, s)].col(year) =
        with.jobs.col(s) - without.jobs.col(s);
    out.series[layout_.sector_gva_series(path, s)].col(year) =
        with.gva_per_hour.col(s) - without.gva_per_hour.col(s);
  }
}

void Simulator::record_interventions(const InterventionPackage& package, int year, BlockValues& out) const {
  using models::View;
  for (int i = 0; i < layout_.interventions; ++i) {
    const auto k = static_cast<std::size_t>(i);
    auto series = [&](InterventionSeries s) -> auto& {
      return out.series[layout_.intervention_series(i, s)];
    };
    series(InterventionSeries::jobs_local).col(year) = package.net_jobs(k, View::local);
    series(InterventionSeries::jobs_national).col(year) = package.net_jobs(k, View::national);
    series(InterventionSeries::gva_local).col(year) = package.net_gva(k, View::local);
    series(InterventionSeries::gva_national).col(year) = package.net_gva(k, View::national);
  }
}

void Simulator::size_output(Eigen::Index count, BlockValues& out) const {
  out.draws = count;
  out.series.resize(static_cast<std::size_t>(layout_.count()));
  for (auto& s : out.series) s.resize(count, layout_.years);
  out.met.resize(static_cast<std::size_t>(layout_.met_count()));
  for (auto& m : out.met) m.resize(count, layout_.years);
  out.draw_values.resize(static_cast<std::size_t>(layout_.draw_value_count()));
  for (int m = 0; m < layout_.met_count(); ++m)  // a deadline past the horizon leaves them 0
    out.draw_values[static_cast<std::size_t>(layout_.met_flag_value_index(m))].setZero(count);
}

void Simulator::record_appraisal(const InterventionPackage& package, BlockValues& out) const {
  for (int i = 0; i < layout_.interventions; ++i)
    for (const models::View v : {models::View::local, models::View::national}) {
      const auto measures = package.appraisal(static_cast<std::size_t>(i), v);
      for (int m = 0; m < models::kAppraisalMeasureCount; ++m)
        out.draw_values[layout_.draw_value_index(i, v, static_cast<models::AppraisalMeasure>(m))] =
            measures[m];
    }
}

void Simulator::run(std::uint64_t first_draw, Eigen::Index count, BlockValues& out) const {
  run(DrawInputs{first_draw, count, nullptr, nullptr}, out);
}

void Simulator::run(const DrawInputs& inputs, BlockValues& out) const {
  // The drawn parameters' values go to out.samples; a design's own values are not recorded.
  SampleRecorder* recorder = inputs.parameters ? nullptr : &out.samples;
  if (recorder) {
    const auto uncertain = static_cast<Eigen::Index>(scenario_.parameters.uncertain().size());
    recorder->values.resize(inputs.count, uncertain);
    recorder->filled.assign(uncertain, false);
  }
  const std::uint64_t first_draw = inputs.first_draw;
  const Eigen::Index count = inputs.count;
  out.first_draw = first_draw;
  size_output(count, out);

  const models::DrawParameters params = draw_parameters(scenario_, inputs, recorder);
  const bool interventions = layout_.paths > 1;
  const int scenario_path = static_cast<int>(Path::scenario);
  const int counterfactual_path = interventions ? static_cast<int>(Path::counterfactual) : scenario_path;
  models::RegionState counterfactual, scenario;
  models::YearShocks shocks;
  models::IndicatorValues values0, values, base;
  const std::vector<Eigen::Index> repeat_of = shock_repeats(inputs);
  models::BaseShocks base_shocks;
  draw_base_shocks(inputs, repeat_of, base_shocks);
  model_.initialise(params, base_shocks, counterfactual);
  model_.indicators(counterfactual, base);
  record(base, base, counterfactual, counterfactual_path, 0, out);
  std::optional<InterventionPackage> package;
  if (interventions) package.emplace(scenario_, inputs, recorder);
  if (recorder) complete_samples(scenario_, inputs, *recorder);
  if (interventions) {
    scenario = counterfactual;
    record(base, base, scenario, scenario_path, 0, out);
    record_effect(base, base, scenario, counterfactual, 0, out);
    record_interventions(*package, 0, out);
  }
  // Blocks of consecutive draws may find their shocks cached, or leave them there.
  const bool cacheable = cache_ && !inputs.shock_draws;
  const std::vector<models::YearShocks>* cached = cacheable ? cache_->find(first_draw, count) : nullptr;
  std::vector<models::YearShocks> generated;
  for (int y = 1; y < layout_.years; ++y) {
    if (!cached) {
      draw_shocks(inputs, repeat_of, scenario_.base_year() + y, shocks);
      if (cacheable) generated.push_back(shocks);
    }
    const models::YearShocks& z = cached ? (*cached)[y - 1] : shocks;
    model_.step(y, params, z, nullptr, counterfactual);
    model_.indicators(counterfactual, values0);
    record(values0, base, counterfactual, counterfactual_path, y, out);
    if (!interventions) continue;
    package->compute_year(y);
    model_.step(y, params, z, &package->local_package(), scenario);
    model_.indicators(scenario, values);
    record(values, base, scenario, scenario_path, y, out);
    record_effect(values, values0, scenario, counterfactual, y, out);
    package->appraise_year(y, counterfactual.jobs, counterfactual.gva_per_hour, scenario_.baseline.sectors.hours_per_job);
    record_interventions(*package, y, out);
  }
  if (cacheable && !cached) cache_->store(first_draw, count, std::move(generated));
  check_finite(out);
  // The appraisal period may outlast the projection: effects go on by their timing, valued at
  // the horizon's sector jobs and GVA per hour.
  for (int y = layout_.years; interventions && y <= scenario_.appraisal_end_year - scenario_.base_year(); ++y) {
    package->compute_year(y);
    package->appraise_year(y, counterfactual.jobs, counterfactual.gva_per_hour, scenario_.baseline.sectors.hours_per_job);
  }
  check_rates(out);
  if (interventions) record_appraisal(*package, out);
}

}  // namespace lissim::sim
