#include "sim/sensitivity/regression.h"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <numeric>

#include "sim/errors.h"
#include "sim/random/normal.h"

namespace lissim::sim {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// The least-squares fit of a standardised y on standardised columns of X.
struct StandardisedFit {
  Eigen::VectorXd beta;  // standardised coefficients
  Eigen::VectorXd se;    // their standard errors
  double r2 = kNan;
  double df = kNan;      // N - K - 1
};

Eigen::VectorXd standardised(const Eigen::VectorXd& v) {
  const double mean = v.mean();
  const Eigen::VectorXd centred = v.array() - mean;
  const double sd = std::sqrt(centred.squaredNorm() / static_cast<double>(v.size() - 1));
  return centred / sd;
}

StandardisedFit fit_standardised(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const std::vector<std::string>& names,
                                 const char* what) {
  const Eigen::Index n = x.rows(), k = x.cols();
  Eigen::MatrixXd xs(n, k);
  for (Eigen::Index j = 0; j < k; ++j) xs.col(j) = standardised(x.col(j));
  const Eigen::VectorXd ys = standardised(y);
  // Column pivoting exposes collinear parameters as a rank below K.
  const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(xs);
  if (qr.rank() < k) {
    const auto last = static_cast<std::size_t>(qr.colsPermutation().indices()(k - 1));
    throw InputError(std::string("sensitivity: the ") + what + " regression's parameters are collinear (rank " +
                     std::to_string(qr.rank()) + " of " + std::to_string(k) + "); '" + names[last] +
                     "' is (almost) a linear combination of the others");
  }
  StandardisedFit fit;
  fit.beta = qr.solve(ys);
  const double rss = (ys - xs * fit.beta).squaredNorm();
  fit.r2 = 1.0 - rss / ys.squaredNorm();
  fit.df = static_cast<double>(n - k - 1);
  // Var(beta) = s^2 (X'X)^-1 and, with X P = Q R, (X'X)^-1 = P (R'R)^-1 P': the diagonal
  // element of column P(j) is the squared norm of row j of R^-1.
  const Eigen::MatrixXd r_inverse = qr.matrixR()
                                        .topLeftCorner(k, k)
                                        .triangularView<Eigen::Upper>()
                                        .solve(Eigen::MatrixXd::Identity(k, k));
  const double s2 = rss / fit.df;
  fit.se.resize(k);
  for (Eigen::Index j = 0; j < k; ++j)
    fit.se(qr.colsPermutation().indices()(j)) = std::sqrt(s2 * r_inverse.row(j).squaredNorm());
  return fit;
}

// Two-sided p-value of t = beta / se on df degrees of freedom.
double two_sided_p(double beta, double se, double df) {
  if (se == 0.0) return beta == 0.0 ? 1.0 : 0.0;
  const boost::math::students_t distribution(df);
  return 2.0 * boost::math::cdf(boost::math::complement(distribution, std::fabs(beta / se)));
}

}  // namespace

Eigen::VectorXd average_ranks(const Eigen::VectorXd& values) {
  const auto n = static_cast<std::size_t>(values.size());
  std::vector<Eigen::Index> order(n);
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return values(a) < values(b); });
  Eigen::VectorXd ranks(values.size());
  std::size_t start = 0;
  while (start < n) {
    std::size_t end = start + 1;
    while (end < n && values(order[end]) == values(order[start])) ++end;
    // Positions start..end-1 hold equal values: each gets the mean of ranks start+1..end.
    const double rank = 0.5 * static_cast<double>(start + 1 + end);
    for (std::size_t i = start; i < end; ++i) ranks(order[i]) = rank;
    start = end;
  }
  return ranks;
}

// About 80 lines: the checks, the draws and parameters kept (counts the result reports), the linear and
// rank fits, and the coefficients put back in every parameter's place; all share the kept rows and columns.
RegressionSensitivity regression_sensitivity(const Eigen::MatrixXd& samples, const Eigen::VectorXd& output,
                                             const std::vector<std::string>& names, double confidence) {
  const Eigen::Index n_all = samples.rows(), k_all = samples.cols();
  if (output.size() != n_all)
    throw InputError("sensitivity: " + std::to_string(n_all) + " parameter samples but " +
                     std::to_string(output.size()) + " outputs");
  if (names.size() != static_cast<std::size_t>(k_all))
    throw InputError("sensitivity: " + std::to_string(names.size()) + " parameter names for " +
                     std::to_string(k_all) + " columns of samples");
  if (!(confidence > 0.0 && confidence < 1.0))
    throw InputError("sensitivity: confidence is " + std::to_string(confidence) + ", but must be in (0, 1)");

  RegressionSensitivity result;
  result.names = names;
  result.confidence = confidence;
  std::vector<Eigen::Index> rows;
  for (Eigen::Index r = 0; r < n_all; ++r)
    if (std::isfinite(output(r)) && samples.row(r).allFinite()) rows.push_back(r);
  result.rows_used = rows.size();
  result.rows_dropped = static_cast<std::size_t>(n_all) - rows.size();
  const auto n = static_cast<Eigen::Index>(rows.size());

  std::vector<Eigen::Index> columns;
  result.kept.assign(names.size(), false);
  for (Eigen::Index j = 0; j < k_all; ++j) {
    bool constant = true;
    for (const Eigen::Index r : rows) constant = constant && samples(r, j) == samples(rows[0], j);
    if (constant && n > 0) {
      result.dropped_parameters.push_back(names[static_cast<std::size_t>(j)]);
    } else if (n > 0) {
      columns.push_back(j);
      result.kept[static_cast<std::size_t>(j)] = true;
    }
  }
  const auto k = static_cast<Eigen::Index>(columns.size());
  if (n > 0 && k == 0)
    throw InputError("sensitivity: no parameter varies over the " + std::to_string(n) +
                     " draws; there is nothing to rank (sample parameters from distributions)");
  if (n < k + 3)
    throw InputError("sensitivity: " + std::to_string(n) + " usable draws (of " + std::to_string(n_all) + ") for " +
                     std::to_string(k) + " parameters; need at least K + 3 = " + std::to_string(k + 3) +
                     ", and many more for useful intervals");

  Eigen::MatrixXd x(n, k);
  Eigen::VectorXd y(n);
  std::vector<std::string> kept_names;
  for (Eigen::Index j = 0; j < k; ++j) kept_names.push_back(names[static_cast<std::size_t>(columns[j])]);
  for (Eigen::Index i = 0; i < n; ++i) {
    y(i) = output(rows[i]);
    for (Eigen::Index j = 0; j < k; ++j) x(i, j) = samples(rows[i], columns[j]);
  }
  if ((y.array() == y(0)).all())
    throw InputError("sensitivity: the output is the same in all " + std::to_string(n) +
                     " draws; no parameter explains any of its spread");

  Eigen::MatrixXd x_ranks(n, k);
  for (Eigen::Index j = 0; j < k; ++j) x_ranks.col(j) = average_ranks(x.col(j));
  const StandardisedFit linear = fit_standardised(x, y, kept_names, "linear");
  const StandardisedFit rank = fit_standardised(x_ranks, average_ranks(y), kept_names, "rank");
  result.r2_linear = linear.r2;
  result.r2_rank = rank.r2;

  const double tail = 0.5 + confidence / 2.0;
  const double t_quantile = boost::math::quantile(boost::math::students_t(linear.df), tail);
  const double z_quantile = normal_quantile(tail);
  const double fisher_se = 1.0 / std::sqrt(static_cast<double>(n - 3 - (k - 1)));
  const Coefficient undefined{kNan, kNan, kNan, kNan};
  result.src.assign(names.size(), undefined);
  result.prcc.assign(names.size(), undefined);
  for (Eigen::Index j = 0; j < k; ++j) {
    const auto out = static_cast<std::size_t>(columns[j]);
    const double beta = linear.beta(j), se = linear.se(j);
    result.src[out] = {beta, beta - t_quantile * se, beta + t_quantile * se, two_sided_p(beta, se, linear.df)};
    // PRCC = t / sqrt(t^2 + df) with t = b / se, written so a perfect fit (se = 0) gives +-1.
    const double b = rank.beta(j), s = rank.se(j);
    const double denominator = std::sqrt(b * b + rank.df * s * s);
    const double prcc = denominator > 0.0 ? b / denominator : 0.0;
    const double z = std::atanh(prcc);
    result.prcc[out] = {prcc, std::tanh(z - z_quantile * fisher_se), std::tanh(z + z_quantile * fisher_se),
                        two_sided_p(b, s, rank.df)};
  }
  return result;
}

}  // namespace lissim::sim
