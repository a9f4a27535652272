#pragma once
// One intervention (docs/interventions.md): what is fixed by the scenario
// (spend, sectors, channels, links) and what is drawn per Monte Carlo draw (effects, timing,
// additionality). Effects are in model units: jobs per GBP 1m, fractions per GBP 1m.
#include <array>
#include <string>
#include <string_view>

#include "models/arrays.h"

namespace lissim::models {

enum class Channel : int { jobs, productivity, activity, better_jobs };
inline constexpr int kChannelCount = 4;
std::string_view channel_name(Channel c);

// The two appraisal views: the region's own gain, and the gain to the country.
enum class View : int { local, national };
inline constexpr int kViewCount = 2;

// Additionality factors of one view, per draw (HM Treasury Additionality Guide).
struct Additionality {
  DrawArray leakage, deadweight, displacement, substitution, multiplier;

  // Net / gross for jobs and better jobs: every factor applies.
  DrawArray output_factor() const {
    return (1.0 - leakage) * (1.0 - deadweight) * (1.0 - displacement) * (1.0 - substitution) * multiplier;
  }
  // Net / gross for productivity and activity: only deadweight applies.
  DrawArray uplift_factor() const { return 1.0 - deadweight; }
};

struct InterventionDesign {
  std::string id;
  Eigen::ArrayXd spend;           // GBP m by year index (0 = base year), real base-year prices
  Eigen::ArrayXd sector_weights;  // share of the effect by sector, sums to 1 (zeros if unused)
  std::array<bool, kChannelCount> has_channel{};
  bool saturates = false;            // has a half-saturation spend
  Eigen::ArrayXd spillover_weights;  // by sector, sums to 1; empty without spillovers
  int skills_partner = -1;           // index of the skills intervention scaling it, or -1

  bool has(Channel c) const { return has_channel[static_cast<std::size_t>(c)]; }
  int last_spend_year() const;  // year index of the last positive spend, -1 if none
};

// The drawn parameters of one intervention for a block of draws.
struct InterventionDraws {
  std::array<DrawArray, kChannelCount> gross_per_m;  // gross effect per GBP 1m; unused channels empty
  DrawArray lag, ramp, persistence;                   // years, years, annual survival
  DrawArray half_saturation;                          // GBP m; unused without saturation
  DrawArray optimism_bias;                            // fraction added to cost
  std::array<Additionality, kViewCount> additionality;
  DrawArray spillover_share;                          // unused without spillovers
  DrawArray share_without_skills, skills_spend_for_full_effect;  // unused without a partner

  const DrawArray& gross(Channel c) const { return gross_per_m[static_cast<std::size_t>(c)]; }
  const Additionality& view(View v) const { return additionality[static_cast<std::size_t>(v)]; }
};

}  // namespace lissim::models
