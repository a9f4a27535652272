#pragma once
// docs/model.md section 1: the national cycle shared by the region and the comparator.
#include "models/parameters.h"
#include "models/shocks.h"

namespace lissim::models {

// c(t) = rho c(t-1) + sigma_c z_c - R(t) m(t), with R(t) = [u < p] and
// m(t) = median exp(sd_log z_m): a lognormal, fat-tailed recession depth.
void advance_cycle(const CycleParameters& p, const YearShocks& z, DrawArray& cycle);

}  // namespace lissim::models
