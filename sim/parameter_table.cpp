#include "sim/parameter_table.h"

#include "sim/random/philox_stream.h"

namespace lissim::sim {

int ParameterTable::add(Parameter parameter) {
  const int index = static_cast<int>(parameters_.size());
  const bool uncertain = !parameter.distribution.is_fixed();
  column_.push_back(uncertain ? static_cast<int>(uncertain_.size()) : -1);
  if (uncertain) uncertain_.push_back(index);
  parameters_.push_back(std::move(parameter));
  return index;
}

models::DrawArray ParameterTable::sample(int index, std::uint64_t seed, std::uint64_t first_draw,
                                         Eigen::Index count) const {
  const Parameter& p = at(index);
  models::DrawArray values(count);
  if (p.distribution.is_fixed()) {
    values.setConstant(p.distribution.quantile(0.5));
    return values;
  }
  const PhiloxStream stream(seed, "param/" + p.name);
  const DrawBatch draws{first_draw, nullptr, static_cast<std::size_t>(count)};
  stream.uniforms(draws, 0, 1, values.data(), draws.count);  // uniform(draw, 0, 0), batched
  for (double& v : values) v = p.distribution.quantile(v);
  return values;
}

}  // namespace lissim::sim
