#pragma once
// The interventions of a scenario over one block of draws: their drawn parameters, their net
// effects year by year in the local and national views, the package sums the scenario path
// takes, and the appraisal accumulated over the appraisal period (docs/interventions.md).
#include <vector>

#include "models/appraisal.h"
#include "sim/scenario.h"

namespace lissim::sim {

class InterventionPackage {
 public:
  // A recorder receives the interventions' drawn parameter values (draw_intervention).
  InterventionPackage(const Scenario& scenario, const DrawInputs& inputs, SampleRecorder* recorder);

  std::size_t size() const { return draws_.size(); }

  // Every intervention's net effects in year index `year` (>= 1, up to the appraisal period's
  // end), and the package sums.
  void compute_year(int year);
  // What the scenario path adds in the current year: the package in the local view.
  const models::InterventionEffects& local_package() const { return package_[0]; }

  // Net additional GVA and jobs of the current year, valued with the counterfactual's sector
  // jobs and GVA per hour (after the horizon: the horizon's); adds them to the appraisal when
  // the year is in the appraisal period. Index size() is the package.
  void appraise_year(int year, const models::SectorArray& jobs0, const models::SectorArray& gva_per_hour0,
                     const models::Vector& hours_per_job);
  const models::DrawArray& net_jobs(std::size_t i, models::View v) const { return jobs_[slot(i, v)]; }
  const models::DrawArray& net_gva(std::size_t i, models::View v) const { return gva_[slot(i, v)]; }

  // Every appraisal measure per draw, once the appraisal period's last year is appraised.
  std::array<models::DrawArray, models::kAppraisalMeasureCount> appraisal(std::size_t i, models::View v) const;

 private:
  std::size_t slot(std::size_t i, models::View v) const {
    return i * models::kViewCount + static_cast<std::size_t>(v);
  }
  // GBP m of GVA a year per job of the work taken by residents moved into work.
  models::DrawArray gva_per_job_taken(const models::InterventionDesign& design, const models::SectorArray& jobs0,
                                      const models::SectorArray& gva_per_hour0,
                                      const models::Vector& hours_per_job) const;
  // Benefits after the period from the interventions whose asset outlives it.
  void add_residual_values(const std::vector<models::DrawArray>& benefit,
                           const std::vector<models::DrawArray>& without_productivity, models::View v);

  const Scenario& scenario_;
  Eigen::Index count_;
  std::vector<models::InterventionDraws> draws_;
  std::vector<models::InterventionEffects> effects_;   // per intervention and view
  std::array<models::InterventionEffects, models::kViewCount> package_;
  std::vector<models::DrawArray> jobs_, gva_;          // per intervention (and package) and view
  std::vector<models::AppraisalAccumulator> appraisal_;
};

}  // namespace lissim::sim
