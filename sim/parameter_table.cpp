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
  for (Eigen::Index i = 0; i < count; ++i)
    values[i] = p.distribution.quantile(stream.uniform(first_draw + static_cast<std::uint64_t>(i), 0, 0));
  return values;
}

}  // namespace lissim::sim
