#pragma once
// What interventions add to the counterfactual path in one year (docs/interventions.md,
// "What an intervention does"): the net additional effects of one intervention in one view, or
// of the whole package. The counterfactual passes none to RegionModel::step; the scenario passes
// the package's local view.
#include "models/intervention.h"

namespace lissim::models {

struct InterventionEffects {
  SectorArray added_jobs;           // A_s(t): stock of net additional jobs, persons
  SectorArray productivity_uplift;  // U_s(t): fractional uplift of GVA per hour, spillovers included
  SectorArray better_jobs_uplift;   // level of the uplift of the SOC 1-3 share, fraction
  DrawArray activity_uplift;        // V(t): level of the activity-rate uplift, fraction
  DrawArray residents_into_work;    // N(t): net additional residents in work (employment channel), persons
  DrawArray inactive_into_work;     // the part of N(t) drawn from inactivity, persons

  void set_zero(Eigen::Index draws, Eigen::Index sectors);
  InterventionEffects& operator+=(const InterventionEffects& other);
};

// The net effects of one intervention in view `view`, given its driver: the (saturated)
// effective spend times its skills factor, GBP m. Every channel's gross effect takes the
// whole additionality chain of its outcome in that view.
void net_effects(const InterventionDesign& design, const InterventionDraws& draws, const DrawArray& driver, View view,
                 InterventionEffects& out);

}  // namespace lissim::models
