#include "models/national_cycle.h"

namespace lissim::models {

void advance_cycle(const CycleParameters& p, const YearShocks& z, DrawArray& cycle) {
  const DrawArray recession = (z.recession_uniform < p.recession_probability).cast<double>();
  const DrawArray depth = p.depth_median * exp_each(p.depth_sd_log * z.recession_depth);
  cycle = p.persistence * cycle + p.sd * z.cycle - recession * depth;
}

}  // namespace lissim::models
