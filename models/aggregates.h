#pragma once
// docs/model.md sections 4 and 7: regional totals from sector levels.
#include "models/arrays.h"

namespace lissim::models {

struct Aggregates {
  DrawArray jobs;           // J = sum_s J_s
  DrawArray hours;          // HRS = sum_s J_s h_s
  DrawArray gva;            // GVA = sum_s Q_s J_s h_s (GBP, base-year prices)
  DrawArray gva_per_hour;   // Q = GVA / HRS
  DrawArray private_jobs;   // sum_s p_s J_s
  DrawArray better_jobs;    // B = sum_s b_s J_s
};

Aggregates aggregate(const SectorArray& jobs, const SectorArray& gva_per_hour, const Vector& hours_per_job,
                     const Vector& private_share, const SectorArray& better_share);

}  // namespace lissim::models
