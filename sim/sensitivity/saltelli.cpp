#include "sim/sensitivity/saltelli.h"

#include <algorithm>
#include <bit>
#include <stdexcept>

#include "sim/errors.h"

namespace lissim::sim {

std::vector<FactorGroup> one_group_per_column(const std::vector<std::string>& column_names) {
  std::vector<FactorGroup> groups;
  groups.reserve(column_names.size());
  for (std::size_t c = 0; c < column_names.size(); ++c) groups.push_back({column_names[c], {c}});
  return groups;
}

bool is_power_of_two(std::uint64_t n) { return std::has_single_bit(n); }

void check_base_samples(std::uint64_t base_samples) {
  if (base_samples >= 2 && is_power_of_two(base_samples)) return;
  const std::string rule =
      "base samples is " + std::to_string(base_samples) +
      ", but must be a power of two (2^m, m >= 1): the Sobol design is balanced only over 2^m points";
  if (base_samples < 2) throw InputError(rule + "; use 2 or more, e.g. 1024");
  if (base_samples > (std::uint64_t{1} << 62)) throw InputError(rule + "; use 2^62 or less");
  const std::uint64_t below = std::bit_floor(base_samples);
  const std::uint64_t above = below << 1;
  throw InputError(rule + ": use " + std::to_string(below) + " (2^" + std::to_string(std::countr_zero(below)) +
                   ") or " + std::to_string(above) + " (2^" + std::to_string(std::countr_zero(above)) + ")");
}

namespace {

// Validates the groups before the Sobol sequence (which needs a valid dimension) is built.
std::size_t checked_sobol_dimension(std::size_t columns, const std::vector<FactorGroup>& groups,
                                    std::uint64_t base_samples) {
  check_base_samples(base_samples);
  if (columns == 0) throw InputError("Saltelli design: no columns; there is nothing to vary");
  if (2 * columns > SobolSequence::max_dimension())
    throw InputError("Saltelli design: " + std::to_string(columns) + " columns need a Sobol sequence of dimension " +
                     std::to_string(2 * columns) + ", but the direction numbers go to " +
                     std::to_string(SobolSequence::max_dimension()) + "; group columns or fix some");
  if (groups.empty()) throw InputError("Saltelli design: no factor groups");
  std::vector<std::string> owner(columns);
  for (const auto& group : groups) {
    if (group.columns.empty()) throw InputError("Saltelli design: group '" + group.name + "' has no columns");
    for (const std::size_t c : group.columns) {
      if (c >= columns)
        throw InputError("Saltelli design: group '" + group.name + "' has column " + std::to_string(c) +
                         ", but there are only " + std::to_string(columns) + " columns");
      if (!owner[c].empty())
        throw InputError("Saltelli design: column " + std::to_string(c) + " is in both group '" + owner[c] +
                         "' and group '" + group.name + "'; a column must be in exactly one group");
      owner[c] = group.name.empty() ? "?" : group.name;
    }
  }
  for (std::size_t c = 0; c < columns; ++c)
    if (owner[c].empty())
      throw InputError("Saltelli design: column " + std::to_string(c) +
                       " is in no group; every column must be in exactly one group");
  return 2 * columns;
}

}  // namespace

SaltelliDesign::SaltelliDesign(std::size_t columns, std::vector<FactorGroup> groups, std::uint64_t base_samples)
    : columns_(columns),
      groups_(std::move(groups)),
      base_samples_(base_samples),
      sequence_(checked_sobol_dimension(columns, groups_, base_samples)) {}

SaltelliRow SaltelliDesign::locate(std::uint64_t evaluation) const {
  if (evaluation >= evaluations())
    throw std::out_of_range("Saltelli evaluation " + std::to_string(evaluation) + " is beyond the design's " +
                            std::to_string(evaluations()));
  const std::uint64_t block = evaluation / base_samples_;
  const std::uint64_t r = evaluation % base_samples_;
  if (block == 0) return {SaltelliMatrix::A, 0, r};
  if (block == 1) return {SaltelliMatrix::B, 0, r};
  return {SaltelliMatrix::AB, static_cast<std::size_t>(block - 2), r};
}

std::uint64_t SaltelliDesign::evaluation_index(const SaltelliRow& row) const {
  switch (row.matrix) {
    case SaltelliMatrix::A: return row.row;
    case SaltelliMatrix::B: return base_samples_ + row.row;
    case SaltelliMatrix::AB: break;
  }
  return (2 + row.group) * base_samples_ + row.row;
}

void SaltelliDesign::row(std::uint64_t evaluation, std::span<double> out) const { row(locate(evaluation), out); }

void SaltelliDesign::row(const SaltelliRow& which, std::span<double> out) const {
  if (which.row >= base_samples_ || (which.matrix == SaltelliMatrix::AB && which.group >= groups_.size()))
    throw std::out_of_range("Saltelli row is outside the design");
  if (out.size() < columns_) throw std::invalid_argument("Saltelli row buffer is smaller than the column count");
  const std::vector<double> point = sequence_.point(which.row);
  const double* a = point.data();
  const double* b = point.data() + columns_;
  switch (which.matrix) {
    case SaltelliMatrix::A:
      std::copy(a, a + columns_, out.begin());
      return;
    case SaltelliMatrix::B:
      std::copy(b, b + columns_, out.begin());
      return;
    case SaltelliMatrix::AB:
      std::copy(a, a + columns_, out.begin());
      for (const std::size_t c : groups_[which.group].columns) out[c] = b[c];
      return;
  }
}

void SaltelliDesign::row_a(std::uint64_t r, std::span<double> out) const { row({SaltelliMatrix::A, 0, r}, out); }
void SaltelliDesign::row_b(std::uint64_t r, std::span<double> out) const { row({SaltelliMatrix::B, 0, r}, out); }
void SaltelliDesign::row_ab(std::size_t group, std::uint64_t r, std::span<double> out) const {
  row({SaltelliMatrix::AB, group, r}, out);
}

std::vector<double> evaluate_design(const SaltelliDesign& design,
                                    const std::function<double(std::span<const double>)>& model) {
  std::vector<double> outputs(design.evaluations());
  std::vector<double> point(design.columns());
  for (std::uint64_t e = 0; e < design.evaluations(); ++e) {
    design.row(e, point);
    outputs[e] = model(point);
  }
  return outputs;
}

}  // namespace lissim::sim
