#pragma once
// Green Book appraisal of interventions, per draw (docs/interventions.md, "Appraisal"):
// present values at a real discount rate over the appraisal period, net additional GVA
// attributed to each intervention, NPV, BCR (with and without the productivity channel) and its
// value-for-money band, cost per net additional job and job-year as evaluations report them
// (undiscounted public cost) and as the Green Book figure (present value of cost).
#include <array>
#include <string_view>

#include "models/intervention_effects.h"

namespace lissim::models {

enum class AppraisalMeasure : int {
  cost_pv,
  benefit_pv,
  npv,
  bcr,
  cost_per_net_job,
  cost_per_net_job_year,
  bcr_without_productivity,
  public_cost,
  residual_value_pv,
  cost_pv_per_net_job,
  cost_pv_per_net_job_year,
  peak_net_jobs,
  net_job_years
};
inline constexpr int kAppraisalMeasureCount = 13;

struct AppraisalMeasureInfo {
  std::string_view name, units, description;
};
const AppraisalMeasureInfo& appraisal_measure_info(AppraisalMeasure m);

// Value-for-money bands by BCR (DfT value-for-money framework, used across Green Book appraisals).
inline constexpr int kVfmBandCount = 5;
inline constexpr std::array<double, kVfmBandCount - 1> kVfmBcrEdges{1.0, 1.5, 2.0, 4.0};
inline constexpr std::array<std::string_view, kVfmBandCount> kVfmBandNames{"poor", "low", "medium", "high",
                                                                           "very_high"};
// The band of a BCR (lower edges inclusive: a BCR of exactly 1.5 is "medium"); -1 for NaN.
int vfm_band(double bcr);

// 1 / (1 + rate)^years.
double discount_factor(double rate, int years);

// sum_t spend(t) / (1 + rate)^t, t the year index from the base year (GBP m).
double discounted_spend(const Eigen::ArrayXd& spend, double rate);

// The value of a benefit `value` a year that goes on after the appraisal period's last year
// `end` for `years` more years, decaying at `persistence` a year, discounted to the base year:
// value sum_{k=1..years} persistence^k / (1 + rate)^(end + k).
DrawArray residual_value(const DrawArray& value, const DrawArray& persistence, double rate, int end, int years);

// Net additional GVA of the package in one year (GBP m): sum_s h_s Q0_s (U_s J0_s + A_s + U_s A_s).
DrawArray package_gva(const InterventionEffects& package, const SectorArray& jobs0, const SectorArray& gva_per_hour0,
                      const Vector& hours_per_job);

// One intervention's Shapley share of it: sum_s h_s Q0_s (U_is J0_s + A_is + (U_is A_s + A_is U_s) / 2).
// The shares of all interventions add up to package_gva.
DrawArray attributed_gva(const InterventionEffects& own, const InterventionEffects& package, const SectorArray& jobs0,
                         const SectorArray& gva_per_hour0, const Vector& hours_per_job);

// Collects one intervention's yearly benefits and jobs over a block of draws.
class AppraisalAccumulator {
 public:
  void start(Eigen::Index draws);
  // One year of the appraisal period: the benefit (GBP m a year), the part of it that does
  // not come from the productivity channel, and the net additional jobs (persons).
  void add_year(double discount, const DrawArray& benefit, const DrawArray& benefit_without_productivity,
                const DrawArray& net_jobs);
  // The present value of benefits after the period from an asset that outlives it.
  void add_residual(const DrawArray& pv, const DrawArray& pv_without_productivity);
  // Every measure per draw, given the cost's present value per draw (optimism bias included)
  // and the undiscounted public cost.
  std::array<DrawArray, kAppraisalMeasureCount> finish(const DrawArray& cost_pv, double public_cost) const;

 private:
  DrawArray benefit_pv_, benefit_pv_without_productivity_, residual_pv_, job_years_, peak_jobs_;
};

}  // namespace lissim::models
