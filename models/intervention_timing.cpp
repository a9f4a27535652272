#include "models/intervention_timing.h"

#include <algorithm>
#include <cmath>

namespace lissim::models {

std::string_view channel_name(Channel c) {
  switch (c) {
    case Channel::jobs: return "jobs";
    case Channel::productivity: return "productivity";
    case Channel::activity: return "activity";
    case Channel::better_jobs: return "better_jobs";
    case Channel::employment: return "employment";
  }
  return "?";
}

std::string_view outcome_name(Outcome o) {
  switch (o) {
    case Outcome::jobs: return "jobs";
    case Outcome::gva: return "gva";
    case Outcome::activity: return "activity";
    case Outcome::better_jobs: return "better_jobs";
    case Outcome::employment: return "employment";
  }
  return "?";
}

int InterventionDesign::last_spend_year() const {
  for (Eigen::Index y = spend.size() - 1; y >= 0; --y)
    if (spend[y] > 0.0) return static_cast<int>(y);
  return -1;
}

double ramp_share(double age, double ramp_years) { return std::clamp((age + 1.0) / (ramp_years + 1.0), 0.0, 1.0); }

double cohort_weight(double age, double ramp_years, double persistence) {
  const double decay_years = age - ramp_years;
  return ramp_share(age, ramp_years) * (decay_years > 0.0 ? std::pow(persistence, decay_years) : 1.0);
}

DrawArray effective_spend(const InterventionDesign& design, int year, const InterventionDraws& draws) {
  const Eigen::Index n = draws.lag.size();
  DrawArray out = DrawArray::Zero(n);
  const int last = std::min(design.last_spend_year(), year);
  for (Eigen::Index d = 0; d < n; ++d) {
    double total = 0.0;
    for (int tau = 0; tau <= last; ++tau)
      if (design.spend[tau] > 0.0)
        total += design.spend[tau] * cohort_weight(year - tau - draws.lag[d], draws.ramp[d], draws.persistence[d]);
    out[d] = total;
  }
  return out;
}

DrawArray saturated_spend(const InterventionDesign& design, const DrawArray& effective, const InterventionDraws& draws) {
  if (!design.saturates) return effective;
  DrawArray out(effective.size());
  for (Eigen::Index d = 0; d < effective.size(); ++d) {
    const double scale = draws.half_saturation[d] / std::log(2.0);
    out[d] = -scale * std::expm1(-effective[d] / scale);
  }
  return out;
}

DrawArray skills_factor(const InterventionDraws& draws, const DrawArray& skills_effective) {
  const DrawArray coverage = (skills_effective / draws.skills_spend_for_full_effect).min(1.0);
  return draws.share_without_skills + (1.0 - draws.share_without_skills) * coverage;
}

}  // namespace lissim::models
