#pragma once
// Array conventions of the model: every quantity is held for a block of Monte Carlo draws.
// DrawArray has one entry per draw; SectorArray is draws x sectors (a column per sector).
#include <cmath>

#include <Eigen/Core>

namespace lissim::models {

using DrawArray = Eigen::ArrayXd;
using SectorArray = Eigen::ArrayXXd;
using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;

// exp and log one element at a time with the C library. Eigen's vectorised exp/log give
// slightly different bits from the scalar ones it uses for leftover elements, which would make
// a draw depend on its position in a block; these are the same for every element.
template <typename Derived>
auto exp_each(const Eigen::ArrayBase<Derived>& x) {
  return x.unaryExpr([](double v) { return std::exp(v); });
}
template <typename Derived>
auto log_each(const Eigen::ArrayBase<Derived>& x) {
  return x.unaryExpr([](double v) { return std::log(v); });
}

}  // namespace lissim::models
