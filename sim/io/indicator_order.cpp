#include "sim/io/indicator_order.h"

#include "models/indicators.h"

namespace lissim::sim {

std::vector<std::string> indicators_in_model_order() {
  std::vector<std::string> names;
  for (int i = 0; i < models::kIndicatorCount; ++i)
    names.emplace_back(models::indicator_info(static_cast<models::Indicator>(i)).name);
  return names;
}

}  // namespace lissim::sim
