#pragma once
// Standard random variates for one year of a block of draws. The model never generates
// random numbers: the engine fills these from named counter-based streams.
#include "models/arrays.h"

namespace lissim::models {

struct YearShocks {
  DrawArray cycle;              // z_c ~ N(0,1)
  DrawArray recession_uniform;  // U(0,1): a recession year when below the probability
  DrawArray recession_depth;    // z_m ~ N(0,1)
  SectorArray jobs;             // independent N(0,1), correlated by the model
  SectorArray productivity;     // independent N(0,1)
  SectorArray better_jobs;      // independent N(0,1)
  DrawArray population;         // z_P
  DrawArray residents_in_work;  // z_W
  DrawArray activity;           // z_a
  DrawArray comparator_employment_rate;
  DrawArray comparator_activity_rate;
  DrawArray comparator_private_density;
  DrawArray comparator_gva_per_hour;

  void resize(Eigen::Index draws, Eigen::Index sectors);
};

}  // namespace lissim::models
