#include "sim/scenario.h"

namespace lissim::sim {
namespace {

class Sampler {
 public:
  Sampler(const Scenario& s, const DrawInputs& inputs, SampleRecorder* recorder)
      : s_(s), inputs_(inputs), recorder_(recorder), count_(inputs.count) {}
  models::DrawArray operator()(int index) {
    const int column = s_.parameters.uncertain_column(index);
    const Parameter& p = s_.parameters.at(index);
    if (column >= 0 && inputs_.parameters) return p.scale * inputs_.parameters->col(column);
    const models::DrawArray file_units = s_.parameters.sample(index, s_.seed, inputs_.first_draw, count_);
    if (column >= 0 && recorder_) {
      recorder_->values.col(column) = file_units;
      recorder_->filled[column] = true;
    }
    return p.scale * file_units;
  }
  models::SectorArray sectors(const std::vector<int>& indices) {
    models::SectorArray out(count_, static_cast<Eigen::Index>(indices.size()));
    for (std::size_t j = 0; j < indices.size(); ++j) out.col(static_cast<Eigen::Index>(j)) = (*this)(indices[j]);
    return out;
  }
  models::DifferentialDraws differential(const ParameterIndex::Differential& i) {
    models::DifferentialDraws p;
#define LISSIM_DRAW_DIFFERENTIAL_PARAMETER(member, ...) p.member = (*this)(i.member);
    LISSIM_DIFFERENTIAL_PARAMETERS(LISSIM_DRAW_DIFFERENTIAL_PARAMETER)
#undef LISSIM_DRAW_DIFFERENTIAL_PARAMETER
    return p;
  }

 private:
  const Scenario& s_;
  const DrawInputs& inputs_;
  SampleRecorder* recorder_;  // nullptr: none
  Eigen::Index count_;
};

}  // namespace

// Every member is filled by name from the lists in models/parameters.h.
models::DrawParameters draw_parameters(const Scenario& scenario, const DrawInputs& inputs, SampleRecorder* recorder) {
  Sampler sample(scenario, inputs, recorder);
  const ParameterIndex& i = scenario.index;
  models::DrawParameters p;
#define LISSIM_DRAW_CYCLE(member, ...) p.cycle.member = sample(i.cycle.member);
#define LISSIM_DRAW_NATIONAL(member, ...) p.national.member = sample(i.national.member);
#define LISSIM_DRAW_DIFFERENTIAL(member, ...) p.differentials.member = sample.differential(i.differentials.member);
#define LISSIM_DRAW_COMPARATOR(member, ...) p.comparator.member = sample(i.comparator.member);
#define LISSIM_DRAW_SECTORS(member, ...) p.sectors.member = sample.sectors(i.sectors.member);
#define LISSIM_DRAW_LABOUR(member, ...) p.labour.member = sample(i.labour.member);
  LISSIM_CYCLE_PARAMETERS(LISSIM_DRAW_CYCLE)
  LISSIM_NATIONAL_PARAMETERS(LISSIM_DRAW_NATIONAL)
  LISSIM_DIFFERENTIAL_SERIES(LISSIM_DRAW_DIFFERENTIAL)
  LISSIM_COMPARATOR_PARAMETERS(LISSIM_DRAW_COMPARATOR)
  LISSIM_SECTOR_PARAMETERS(LISSIM_DRAW_SECTORS)
  LISSIM_LABOUR_PARAMETERS(LISSIM_DRAW_LABOUR)
#undef LISSIM_DRAW_CYCLE
#undef LISSIM_DRAW_NATIONAL
#undef LISSIM_DRAW_DIFFERENTIAL
#undef LISSIM_DRAW_COMPARATOR
#undef LISSIM_DRAW_SECTORS
#undef LISSIM_DRAW_LABOUR
  return p;
}

models::InterventionDraws draw_intervention(const Scenario& scenario, std::size_t i, const DrawInputs& inputs,
                                            SampleRecorder* recorder) {
  Sampler sample(scenario, inputs, recorder);
  const InterventionIndex& x = scenario.interventions.at(i).index;
  // Unused parameters stay empty; the design says which are used.
  auto maybe = [&](int index) { return index >= 0 ? sample(index) : models::DrawArray(); };
  models::InterventionDraws d;
  for (std::size_t c = 0; c < x.gross.size(); ++c) d.gross_per_m[c] = maybe(x.gross[c]);
  d.sustained_rate = maybe(x.sustained_rate);
  d.share_from_inactivity = maybe(x.share_from_inactivity);
  d.lag = sample(x.lag);
  d.ramp = sample(x.ramp);
  d.persistence = sample(x.persistence);
  d.half_saturation = maybe(x.half_saturation);
  d.optimism_bias = sample(x.optimism_bias);
  d.benefit_shortfall = x.benefit_shortfall >= 0 ? sample(x.benefit_shortfall) : models::DrawArray::Zero(inputs.count);
  for (std::size_t v = 0; v < x.additionality.size(); ++v)
    for (std::size_t o = 0; o < x.additionality[v].size(); ++o) {
      const auto& a = x.additionality[v][o];
      if (a.leakage < 0) continue;  // an outcome of a channel the intervention lacks
      d.additionality[v][o] = {sample(a.leakage), sample(a.deadweight), sample(a.displacement),
                               sample(a.substitution), sample(a.multiplier)};
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
