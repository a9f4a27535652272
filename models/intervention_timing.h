#pragma once
// How spend turns into effect over time and scale (docs/interventions.md, "Timing", "Scale",
// "Complementarity"). Element by element with scalar libm, so a draw's value never depends
// on the block it is computed in.
#include "models/intervention.h"

namespace lissim::models {

// ramp(a) = clamp((a + 1) / (ramp + 1), 0, 1): the share of a spend cohort's effect reached
// `a` years after its lag.
double ramp_share(double age, double ramp_years);

// The weight of a spend cohort `age` years after its lag: it ramps up to its full effect and
// then decays on its own clock, ramp(age) persistence^max(0, age - ramp), so every cohort
// reaches its full effect whatever the spend after it.
double cohort_weight(double age, double ramp_years, double persistence);

// E(t) = sum_tau s(tau) cohort_weight(t - tau - lag), in GBP m. Any year index, the horizon's
// or after it (the appraisal period).
DrawArray effective_spend(const InterventionDesign& design, int year, const InterventionDraws& draws);

// The spend that a channel's effect per GBP 1m multiplies: E itself, or with a half-saturation
// spend H, S (1 - exp(-E / S)) with S = H / ln 2 (same first-pound effect, bounded by S).
DrawArray saturated_spend(const InterventionDesign& design, const DrawArray& effective, const InterventionDraws& draws);

// k = x + (1 - x) min(1, E_skills / F): the share of the effects realised given the skills
// intervention's effective spend.
DrawArray skills_factor(const InterventionDraws& draws, const DrawArray& skills_effective);

}  // namespace lissim::models
