#pragma once
// Base-year data of a region and its comparator (seed data). Rates and shares are fractions.
#include <string>
#include <vector>

#include "models/arrays.h"

namespace lissim::models {

struct SectorBaseline {
  std::vector<std::string> ids;
  Vector jobs;               // persons, workplace-based, > 0
  Vector gva_per_hour;       // GBP per hour worked, base-year prices, > 0
  Vector hours_per_job;      // hours worked per job per year, > 0
  Vector private_share;      // fraction of jobs in the private sector, [0, 1]
  Vector better_jobs_share;  // fraction of jobs in SOC major groups 1-3, [0, 1]

  Eigen::Index count() const { return jobs.size(); }
};

struct RegionBaseline {
  double working_age_population = 0;  // residents aged 16-64, > 0
  double employment_rate = 0;         // residents in work / working-age population, (0, 1)
  double activity_rate = 0;           // economically active / working-age population, (0, 1)
};

struct ComparatorBaseline {
  double employment_rate = 0;   // fraction
  double activity_rate = 0;     // fraction
  double private_density = 0;   // private-sector jobs per working-age resident
  double gva_per_hour = 0;      // GBP per hour
};

struct Baseline {
  int base_year = 0;
  SectorBaseline sectors;
  RegionBaseline region;
  ComparatorBaseline comparator;
  // Working-age population growth n(t) (log points a year), one entry per year after the base
  // year up to the horizon.
  std::vector<double> population_growth;
};

}  // namespace lissim::models
