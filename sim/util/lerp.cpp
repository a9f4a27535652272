#include "sim/util/lerp.h"

namespace lissim::sim {

double lerp(double a, double b, double t) {
  const double diff = b - a;
  return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

}  // namespace lissim::sim
