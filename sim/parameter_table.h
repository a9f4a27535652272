#pragma once
// Every numeric model parameter of a scenario, fixed or uncertain. An uncertain parameter
// is drawn once per Monte Carlo draw from its own named stream "param/<key path>", so a
// draw's value does not depend on any other parameter, on block size or on threads.
#include <cstdint>
#include <string>
#include <vector>

#include "models/arrays.h"
#include "sim/random/distribution.h"

namespace lissim::sim {

struct Parameter {
  std::string name;          // key path in the resolved scenario, e.g. "calibration.national_cycle.sd_pct"
  Distribution distribution; // in the file's units
  double scale = 1.0;        // model value = scale * file value (e.g. 0.01 for _pct)
  std::string units;         // of the file value
};

class ParameterTable {
 public:
  int add(Parameter parameter);
  const std::vector<Parameter>& all() const { return parameters_; }
  const Parameter& at(int index) const { return parameters_.at(static_cast<std::size_t>(index)); }
  // Indices of the uncertain parameters, in registration order (the /parameters/names order).
  const std::vector<int>& uncertain() const { return uncertain_; }
  // The position of parameter `index` among the uncertain ones (a column of /parameters/samples),
  // or -1 if it is fixed.
  int uncertain_column(int index) const { return column_.at(static_cast<std::size_t>(index)); }

  // File-unit values of parameter `index` for draws [first_draw, first_draw + count).
  models::DrawArray sample(int index, std::uint64_t seed, std::uint64_t first_draw, Eigen::Index count) const;

 private:
  std::vector<Parameter> parameters_;
  std::vector<int> uncertain_;
  std::vector<int> column_;  // per parameter: its uncertain column or -1
};

}  // namespace lissim::sim
