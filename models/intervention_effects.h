#pragma once
// What interventions add to the counterfactual path in one year (MODEL.md section 3).
// The counterfactual passes none; the scenario passes the net additional effects.
#include "models/arrays.h"

namespace lissim::models {

struct InterventionEffects {
  SectorArray added_jobs;           // A_s(t): stock of net additional jobs, persons
  SectorArray productivity_uplift;  // U_s(t): fractional uplift of GVA per hour
  SectorArray better_jobs_uplift;   // level of the uplift of the SOC 1-3 share, fraction
  DrawArray activity_uplift;        // V(t): level of the activity-rate uplift, fraction

  void set_zero(Eigen::Index draws, Eigen::Index sectors);
};

}  // namespace lissim::models
