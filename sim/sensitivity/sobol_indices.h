#pragma once
// First-order and total Sobol indices from the outputs of a Saltelli design (saltelli.h),
// with bootstrap confidence intervals.
//
// With f_A, f_B and f_AB_g the outputs on row r of A, B and AB_g (g a factor group), N rows:
//   m   = mean of f over A and B together (2N values); outputs are centred on it, which
//         leaves the estimators' expectations unchanged but removes the noise a large mean
//         adds to the first-order product below (outputs such as jobs are ~10^6)
//   V   = (1/2N) sum_r [(f_A - m)^2 + (f_B - m)^2]          (as SALib: divisor 2N)
//   S1_g = (1/N) sum_r (f_B - m)(f_AB_g - f_A) / V          Saltelli et al. (2010), table 2 (b)
//   ST_g = (1/2N) sum_r (f_A - f_AB_g)^2 / V                Jansen (1999), table 2 (f)
// S1_g is the share of V explained by group g alone, ST_g the share involving g at all
// (alone or in interaction with any other group); ST_g - S1_g measures g's interactions.
//
// Confidence intervals: percentile bootstrap. Each resample draws N rows with replacement -
// the same rows for A, B and every AB_g, which are paired - and recomputes m, V, S1, ST; the
// interval is the ((1 - c)/2, (1 + c)/2) type-7 quantiles of the resampled values. The
// rows come from a Philox stream with a fixed seed, so the intervals are reproducible.
//
// Rows where any output is not finite are dropped (all of A, B and AB_g at that row) and
// counted. An index is flagged when it is negative beyond its interval (the interval's upper
// end below 0): true indices are never negative, so this means N is too small for that
// output or the model's output has an (almost) infinite variance.
//
// References: A. Saltelli et al. (2010), Comput. Phys. Commun. 181:259-270. M. J. W. Jansen
// (1999), Analysis of variance designs for model output, Comput. Phys. Commun. 117:35-43.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/sensitivity/saltelli.h"

namespace lissim::sim {

// Model outputs on the design, one value per row.
struct SaltelliOutputs {
  std::vector<double> a;                // f(A), N
  std::vector<double> b;                // f(B), N
  std::vector<std::vector<double>> ab;  // f(AB_g), G x N
};

// Cuts outputs in the design's block order (SaltelliDesign::locate) into A, B and AB_g.
SaltelliOutputs split_outputs(const SaltelliDesign& design, std::span<const double> outputs);

struct BootstrapOptions {
  std::size_t resamples = 1000;  // >= 2 (0 skips the bootstrap: intervals are NaN)
  double confidence = 0.95;      // in (0, 1)
  std::uint64_t seed = 20100101;  // Philox seed of the resampling stream (fixed: reproducible)
};

struct IndexEstimate {
  double value = 0.0;
  double low = 0.0;   // bootstrap percentile interval
  double high = 0.0;
  bool negative_beyond_interval = false;  // high < 0
};

struct FactorIndices {
  std::string name;
  IndexEstimate first_order;  // S1
  IndexEstimate total;        // ST
};

struct SobolIndices {
  std::vector<FactorIndices> factors;  // one per group, in group order
  double mean = 0.0;                   // m
  double variance = 0.0;               // V
  std::size_t rows_used = 0;
  std::size_t rows_dropped = 0;        // rows with a non-finite output
  std::size_t resamples = 0;
  double confidence = 0.0;
  std::vector<std::string> warnings;   // one sentence each: dropped rows, negative indices
};

// names: one per group (e.g. from SaltelliDesign::groups()). Throws InputError if the
// sizes disagree, fewer than 2 rows are finite, or the output is the same on every row
// (V = 0: nothing to apportion).
SobolIndices estimate_sobol_indices(const SaltelliOutputs& outputs, const std::vector<std::string>& names,
                                    const BootstrapOptions& options = {});
// The same with the names taken from the design's groups.
SobolIndices estimate_sobol_indices(const SaltelliDesign& design, std::span<const double> outputs,
                                    const BootstrapOptions& options = {});

}  // namespace lissim::sim
