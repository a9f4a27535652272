#pragma once
// The Saltelli (2010) sampling design for variance-based (Sobol) sensitivity indices.
//
// k columns (the model's uncertain inputs, as points of the unit cube [0,1)^k) are split into
// G factors: groups of columns that move together, e.g. every macro shock as one group and
// each calibration parameter as a group of its own. From one Sobol sequence of dimension 2k
// (sobol_sequence.h), row r of
//   A    = the first k coordinates of Sobol point r,
//   B    = the last k coordinates of the same point,
//   AB_g = A with the columns of group g taken from B,
// for r in [0, N). The model is evaluated on N (G + 2) rows; sobol_indices.h turns the
// outputs into first-order and total indices. Every row is a pure function of its index, so
// an engine can evaluate rows in any order on any thread without building the matrices.
// Mapping a unit-cube row to parameter values is the caller's job (Distribution::quantile).
//
// Reference: A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto and S. Tarantola
// (2010), Variance based sensitivity analysis of model output. Design and estimator for the
// total sensitivity index, Comput. Phys. Commun. 181:259-270.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "sim/sensitivity/sobol_sequence.h"

namespace lissim::sim {

// A set of columns that the design moves together; its indices are the group's.
struct FactorGroup {
  std::string name;
  std::vector<std::size_t> columns;
};

// One group per column, named after it: the usual per-parameter analysis.
std::vector<FactorGroup> one_group_per_column(const std::vector<std::string>& column_names);

// The number of base samples N must be a power of two: a Sobol sequence is balanced (each
// dyadic interval holds its share of points) only over its first 2^m points, and the
// estimators' error is smallest there. Throws InputError naming the rule and the nearest
// powers of two, e.g. "base samples is 1000, but must be a power of two ...: use 512 or 1024".
void check_base_samples(std::uint64_t base_samples);
bool is_power_of_two(std::uint64_t n);

enum class SaltelliMatrix { A, B, AB };

// Where one evaluation of the design comes from.
struct SaltelliRow {
  SaltelliMatrix matrix = SaltelliMatrix::A;
  std::size_t group = 0;  // for AB only
  std::uint64_t row = 0;  // in [0, N)
};

class SaltelliDesign {
 public:
  // Every column must belong to exactly one group, groups must be non-empty and the Sobol
  // dimension 2k within SobolSequence::max_dimension() (k <= 1833); otherwise InputError.
  SaltelliDesign(std::size_t columns, std::vector<FactorGroup> groups, std::uint64_t base_samples);

  std::size_t columns() const { return columns_; }
  const std::vector<FactorGroup>& groups() const { return groups_; }
  std::size_t group_count() const { return groups_.size(); }
  std::uint64_t base_samples() const { return base_samples_; }
  // N (G + 2): the model evaluations the design needs.
  std::uint64_t evaluations() const { return base_samples_ * (groups_.size() + 2); }

  // Evaluations in block order: [0, N) are the rows of A, [N, 2N) of B, then N rows of each
  // AB_g in group order. split_outputs (sobol_indices.h) expects outputs in this order.
  SaltelliRow locate(std::uint64_t evaluation) const;
  std::uint64_t evaluation_index(const SaltelliRow& row) const;

  // Unit-cube points; out.size() >= columns(). Thread-safe.
  void row(std::uint64_t evaluation, std::span<double> out) const;
  void row(const SaltelliRow& row, std::span<double> out) const;
  void row_a(std::uint64_t r, std::span<double> out) const;
  void row_b(std::uint64_t r, std::span<double> out) const;
  void row_ab(std::size_t group, std::uint64_t r, std::span<double> out) const;

 private:
  std::size_t columns_;
  std::vector<FactorGroup> groups_;
  std::uint64_t base_samples_;
  SobolSequence sequence_;  // dimension 2k: A's coordinates, then B's
};

// Evaluates the model on every row of the design, one after another, in block order; for
// tests and small models (the engine evaluates rows in parallel itself).
std::vector<double> evaluate_design(const SaltelliDesign& design,
                                    const std::function<double(std::span<const double>)>& model);

}  // namespace lissim::sim
