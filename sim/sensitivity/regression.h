#pragma once
// Sampling-based sensitivity from one Monte Carlo run: how much of an output's spread each
// sampled parameter explains, from the N draws of K parameters and the output in each draw.
//
// SRC (standardised regression coefficients): the least-squares fit of the standardised
// output on the standardised parameters, y* = sum_j beta_j x*_j + e (z* = (z - mean)/sd).
// beta_j is the change in y, in sds of y, for a one-sd change in x_j with the others held; for
// a linear model with independent inputs beta_j^2 is x_j's share of var(y) and R^2 says how
// linear the model is (trust SRCs only when R^2 is high, say > 0.7). Interval: beta_j +-
// t(df) se_j, se_j^2 = s^2 [(X*'X*)^-1]_jj, s^2 = RSS / df, df = N - K - 1.
//
// PRCC (partial rank correlation coefficients; Marino et al. 2008): the correlation between
// the ranks of x_j and of y once the (linear) effect of the other parameters' ranks is
// removed from both. Ranks make it robust to any monotone non-linearity. It is computed from
// the rank regression's t statistic, PRCC_j = t_j / sqrt(t_j^2 + df) (identical to
// correlating the two residual vectors, without K extra regressions). Interval: Fisher's z,
// atanh(PRCC) +- z_(1+c)/2 / sqrt(N - 3 - (K - 1)), mapped back with tanh; the test of
// PRCC = 0 is Student's t on N - 2 - (K - 1) = df degrees of freedom (Marino et al., eq. 5).
// Ties get average ranks.
//
// Rows with a non-finite output or parameter are dropped and counted. Parameters constant over
// the remaining rows (e.g. fixed in this run) explain nothing: they are dropped, named, and
// their coefficients are NaN. K in the formulas above is the number of parameters kept.
//
// References: S. Marino, I. B. Hogue, C. J. Ray and D. E. Kirschner (2008), A methodology
// for performing global uncertainty and sensitivity analysis in systems biology, J. Theor.
// Biol. 254:178-196. A. Saltelli et al. (2008), Global Sensitivity Analysis: The Primer,
// Wiley, section 1.2.5 (SRC).
#include <Eigen/Dense>
#include <cstddef>
#include <string>
#include <vector>

namespace lissim::sim {

struct Coefficient {
  double value = 0.0;
  double low = 0.0;    // confidence interval
  double high = 0.0;
  double p_value = 0.0;  // two-sided test of a zero coefficient (Student's t)
};

struct RegressionSensitivity {
  std::vector<std::string> names;  // every parameter, in input order
  std::vector<bool> kept;          // false: constant over the rows used, coefficients NaN
  std::vector<Coefficient> src;
  std::vector<Coefficient> prcc;
  double r2_linear = 0.0;  // R^2 of the linear regression (SRC)
  double r2_rank = 0.0;    // R^2 of the rank regression (PRCC)
  std::size_t rows_used = 0;
  std::size_t rows_dropped = 0;  // rows with a non-finite value
  double confidence = 0.95;
  std::vector<std::string> dropped_parameters;  // the constant ones, by name
};

// samples: N x K (row = draw), output: N. confidence in (0, 1). Throws InputError when the
// sizes disagree, the output is constant, there are no non-constant parameters, fewer than
// K + 3 rows remain, or the parameters are collinear.
RegressionSensitivity regression_sensitivity(const Eigen::MatrixXd& samples, const Eigen::VectorXd& output,
                                             const std::vector<std::string>& names, double confidence = 0.95);

// Ranks 1..n, ties given the average of their ranks.
Eigen::VectorXd average_ranks(const Eigen::VectorXd& values);

}  // namespace lissim::sim
