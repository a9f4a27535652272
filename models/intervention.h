#pragma once
// One intervention (docs/interventions.md): what is fixed by the scenario
// (spend, sectors, channels, links) and what is drawn per Monte Carlo draw (effects, timing,
// additionality). Effects are in model units: jobs and residents per GBP 1m, fractions per GBP 1m.
#include <array>
#include <string>
#include <string_view>

#include "models/arrays.h"

namespace lissim::models {

// employment: residents moved into work (docs/model.md section 6), a labour-supply channel.
enum class Channel : int { jobs, productivity, activity, better_jobs, employment };
inline constexpr int kChannelCount = 5;
std::string_view channel_name(Channel c);

// The outcome whose additionality a channel takes: productivity is valued as GVA.
enum class Outcome : int { jobs, gva, activity, better_jobs, employment };
inline constexpr int kOutcomeCount = 5;
std::string_view outcome_name(Outcome o);
inline Outcome outcome_of(Channel c) { return static_cast<Outcome>(static_cast<int>(c)); }

// The two appraisal views: the region's own gain (Additionality Guide), and the gain to the
// UK (Green Book 2022, 6.3-6.6).
enum class View : int { local, national };
inline constexpr int kViewCount = 2;

// Additionality factors of one outcome in one view, per draw (Additionality Guide, 4th ed.).
struct Additionality {
  DrawArray leakage, deadweight, displacement, substitution, multiplier;

  // Net / gross: the whole chain, (1 - L)(1 - D)(1 - Dp)(1 - S) M.
  DrawArray net_share() const {
    return (1.0 - leakage) * (1.0 - deadweight) * (1.0 - displacement) * (1.0 - substitution) * multiplier;
  }
};

struct InterventionDesign {
  std::string id;
  Eigen::ArrayXd spend;           // GBP m by year index (0 = base year), real base-year prices
  Eigen::ArrayXd sector_weights;  // share of the effect by sector, sums to 1 (zeros if unused)
  std::array<bool, kChannelCount> has_channel{};
  bool saturates = false;            // has a half-saturation spend
  Eigen::ArrayXd spillover_weights;  // by sector, sums to 1; empty without spillovers
  int skills_partner = -1;           // index of the skills intervention scaling it, or -1
  int asset_life_years = 0;          // years an asset lasts after the last spend; 0: no asset

  bool has(Channel c) const { return has_channel[static_cast<std::size_t>(c)]; }
  int last_spend_year() const;  // year index of the last positive spend, -1 if none
};

// The drawn parameters of one intervention for a block of draws.
struct InterventionDraws {
  // Gross effect per GBP 1m; unused channels empty. For `employment`: starts per GBP 1m.
  std::array<DrawArray, kChannelCount> gross_per_m;
  DrawArray sustained_rate, share_from_inactivity;    // employment channel; empty without it
  DrawArray lag, ramp, persistence;                   // years, years, annual survival
  DrawArray half_saturation;                          // GBP m; unused without saturation
  DrawArray optimism_bias;                            // fraction added to cost
  DrawArray benefit_shortfall;                        // fraction taken off benefits
  // Per view and outcome; outcomes of channels the intervention lacks stay empty.
  std::array<std::array<Additionality, kOutcomeCount>, kViewCount> additionality;
  DrawArray spillover_share;                          // unused without spillovers
  DrawArray share_without_skills, skills_spend_for_full_effect;  // unused without a partner

  const DrawArray& gross(Channel c) const { return gross_per_m[static_cast<std::size_t>(c)]; }
  const Additionality& factors(View v, Outcome o) const {
    return additionality[static_cast<std::size_t>(v)][static_cast<std::size_t>(o)];
  }
};

}  // namespace lissim::models
