#include "sim/scenario.h"

namespace lissim::sim {
namespace {

class Sampler {
 public:
  Sampler(const Scenario& s, const DrawInputs& inputs) : s_(s), inputs_(inputs), count_(inputs.count) {}
  models::DrawArray operator()(int index) const {
    const int column = s_.parameters.uncertain_column(index);
    const Parameter& p = s_.parameters.at(index);
    if (column >= 0 && inputs_.parameters) return p.scale * inputs_.parameters->col(column);
    const models::DrawArray file_units = s_.parameters.sample(index, s_.seed, inputs_.first_draw, count_);
    if (column >= 0 && inputs_.recorder) {
      inputs_.recorder->values.col(column) = file_units;
      inputs_.recorder->filled[static_cast<std::size_t>(column)] = true;
    }
    return p.scale * file_units;
  }
  models::SectorArray sectors(const std::vector<int>& indices) const {
    models::SectorArray out(count_, static_cast<Eigen::Index>(indices.size()));
    for (std::size_t j = 0; j < indices.size(); ++j) out.col(static_cast<Eigen::Index>(j)) = (*this)(indices[j]);
    return out;
  }
  models::ComparatorSeriesParameters series(const ParameterIndex::ComparatorSeries& i) const {
    return {(*this)(i.trend), (*this)(i.cycle_elasticity), (*this)(i.sd)};
  }

 private:
  const Scenario& s_;
  const DrawInputs& inputs_;
  Eigen::Index count_;
};

}  // namespace

models::DrawParameters draw_parameters(const Scenario& scenario, const DrawInputs& inputs) {
  const Sampler sample(scenario, inputs);
  const ParameterIndex& i = scenario.index;
  models::DrawParameters p;
  p.cycle = {sample(i.cycle.persistence), sample(i.cycle.sd), sample(i.cycle.recession_probability),
             sample(i.cycle.depth_median), sample(i.cycle.depth_sd_log)};
  p.sectors = {sample.sectors(i.sectors.jobs_trend),
               sample.sectors(i.sectors.jobs_cycle_elasticity),
               sample.sectors(i.sectors.jobs_sd),
               sample.sectors(i.sectors.productivity_trend),
               sample.sectors(i.sectors.productivity_cycle_elasticity),
               sample.sectors(i.sectors.productivity_sd),
               sample.sectors(i.sectors.better_jobs_trend),
               sample.sectors(i.sectors.better_jobs_sd)};
  const auto& l = i.labour;
  p.labour = {sample(l.resident_share_of_job_growth), sample(l.inactive_share_of_new_employment),
              sample(l.activity_trend),  sample(l.activity_sd),
              sample(l.residents_in_work_sd), sample(l.min_unemployment),
              sample(l.migration_response), sample(l.reference_jobs_growth),
              sample(l.population_sd)};
  p.comparator = {sample.series(i.comparator.employment_rate), sample.series(i.comparator.activity_rate),
                  sample.series(i.comparator.private_density), sample.series(i.comparator.log_gva_per_hour)};
  return p;
}

models::InterventionDraws draw_intervention(const Scenario& scenario, std::size_t i, const DrawInputs& inputs) {
  const Sampler sample(scenario, inputs);
  const InterventionIndex& x = scenario.interventions.at(i).index;
  // Unused parameters stay empty; the design says which are used.
  auto maybe = [&](int index) { return index >= 0 ? sample(index) : models::DrawArray(); };
  models::InterventionDraws d;
  for (std::size_t c = 0; c < x.gross.size(); ++c) d.gross_per_m[c] = maybe(x.gross[c]);
  d.lag = sample(x.lag);
  d.ramp = sample(x.ramp);
  d.persistence = sample(x.persistence);
  d.half_saturation = maybe(x.half_saturation);
  d.optimism_bias = sample(x.optimism_bias);
  for (std::size_t v = 0; v < x.additionality.size(); ++v) {
    const auto& a = x.additionality[v];
    d.additionality[v] = {sample(a.leakage), sample(a.deadweight), sample(a.displacement), sample(a.substitution),
                          sample(a.multiplier)};
  }
  d.spillover_share = maybe(x.spillover_share);
  d.share_without_skills = maybe(x.share_without_skills);
  d.skills_spend_for_full_effect = maybe(x.skills_spend_for_full_effect);
  return d;
}

void complete_samples(const Scenario& scenario, const DrawInputs& inputs, SampleRecorder& recorder) {
  const std::vector<int>& uncertain = scenario.parameters.uncertain();
  for (std::size_t j = 0; j < uncertain.size(); ++j)
    if (!recorder.filled[j]) {
      recorder.values.col(static_cast<Eigen::Index>(j)) =
          scenario.parameters.sample(uncertain[j], scenario.seed, inputs.first_draw, inputs.count);
      recorder.filled[j] = true;
    }
}

}  // namespace lissim::sim
