#pragma once
// Parameter distributions (docs/model.md, "Parameter uncertainty"), sampled by inverse CDF: a
// draw is quantile(u) with u from a PhiloxStream, so one uniform gives one value and the
// sensitivity analysis can reuse u. Our own code throughout (no std::*_distribution),
// so samples are identical on every platform with IEEE doubles and the same libm.
//
// Truncation (with_bounds) conditions the distribution on [lower, upper]:
//   quantile(u) = F^-1(F(lo) + u (F(hi) - F(lo))),  cdf(x) = (F(x) - F(lo)) / (F(hi) - F(lo)).
// When the interval lies in the upper half (F(lo) > 1/2) the same formulas are evaluated
// on the survival function S = 1 - F, so truncation far in either tail keeps its precision.
#include <memory>
#include <optional>
#include <string>

namespace lissim::sim {

enum class DistributionKind { Fixed, Normal, Lognormal, Uniform, Triangular, Pert, Beta };

// Name as used in scenario files and describe(): "fixed", "normal", ...
const char* to_string(DistributionKind kind);

// Beta(a, b) on [0, 1]: CDF, survival function and their inverses. Our own code: the
// regularized incomplete beta I_x(a, b) by its continued fraction (modified Lentz), inverted
// by Halley steps safeguarded by bisection to about 1e-14 relative in min(x, 1 - x).
// Accuracy of I_x is about 1e-14 relative for a + b up to ~100, degrading to ~1e-12 at
// a + b ~ 10^4 (ln B(a, b) is a difference of large lgamma values).
//
// Speed: sampling calls quantile once per draw, so each shape keeps a table of its quantile
// and its slope at kQuantileTableSize + 1 equally spaced probabilities, made once by the full
// solver. Between the outermost points a cubic Hermite interpolation starts the Halley steps
// so close (typically 1e-9 relative or better) that one step, one evaluation of I_x, ends the
// solve: a step under 1e-7 of min(x, 1 - x) leaves an error of order its cube. Larger steps
// and the outer 2 / kQuantileTableSize of probability go on as without the table.
class BetaShape {
 public:
  static constexpr int kQuantileTableSize = 256;

  BetaShape() = default;
  BetaShape(double a, double b);  // a > 0, b > 0 (not checked: callers validate)

  double a() const { return a_; }
  double b() const { return b_; }
  // I_x(a, b), with y = 1 - x passed separately so callers near x = 1 keep its precision.
  double cdf(double x, double y) const;
  // 1 - I_x(a, b) = I_y(b, a), precise when small.
  double sf(double x, double y) const;
  // The x in [0, 1] with cdf = p, and with sf = q; each solves on the side whose probability
  // is below 1/2 (1 - p is exact there), where I_x keeps its relative precision.
  double quantile(double p) const;
  double isf(double q) const;

 private:
  // Quantile x_j and dx/dp = 1 / density at p_j = j / kQuantileTableSize, j = 0..size.
  struct QuantileTable {
    double x[kQuantileTableSize + 1];
    double slope[kQuantileTableSize + 1];
  };

  double solve(double target, bool upper_tail, double lo, double hi, double guess,
               bool guess_from_table) const;
  // The table's interpolated quantile at p, or NaN outside its inner range.
  double interpolate(double p) const;
  double density(double x, double y) const;

  double a_ = 1.0, b_ = 1.0;
  double log_beta_ = 0.0;  // ln B(a, b), computed once: std::lgamma is not thread-safe
  double half_cdf_ = 0.5;  // I_{1/2}(a, b): tells on which side of 1/2 a quantile lies
  double half_sf_ = 0.5;   // 1 - I_{1/2}(a, b)
  std::shared_ptr<const QuantileTable> table_;  // shared by copies of a Distribution
};

class Distribution {
 public:
  // Every argument must be finite. Invalid arguments throw std::invalid_argument naming the
  // field, its value and the constraint, e.g. "sd is -1, but must be > 0".
  static Distribution fixed(double value);
  static Distribution normal(double mean, double sd);           // sd > 0
  static Distribution lognormal(double median, double sd_log);  // median > 0, sd_log > 0
  static Distribution uniform(double min, double max);          // min < max
  // min <= mode <= max, min < max.
  static Distribution triangular(double min, double mode, double max);
  // Beta-PERT with lambda = 4: min + (max - min) * Beta(1 + 4 (mode - min) / (max - min),
  // 1 + 4 (max - mode) / (max - min)); min <= mode <= max, min < max.
  static Distribution pert(double min, double mode, double max);
  // Beta on [0, 1] given by its mean and sd: 0 < mean < 1, 0 < sd^2 < mean (1 - mean), and
  // a + b = mean (1 - mean) / sd^2 - 1 <= 1e10 (beyond that, use a fixed value).
  static Distribution beta(double mean, double sd);

  // A copy truncated to [lower, upper] (either may be absent). Requires lower < upper and a
  // positive probability on the interval; a fixed value must lie inside it.
  Distribution with_bounds(std::optional<double> lower, std::optional<double> upper) const;

  DistributionKind kind() const { return kind_; }
  bool is_fixed() const { return kind_ == DistributionKind::Fixed; }
  std::optional<double> lower_bound() const { return lower_; }
  std::optional<double> upper_bound() const { return upper_; }

  // Inverse CDF of the (truncated) distribution for u in [0, 1]; the result always lies in
  // the support and the bounds. u outside [0, 1] or NaN throws std::invalid_argument.
  double quantile(double u) const;
  // CDF of the (truncated) distribution.
  double cdf(double x) const;
  // Moments of the untruncated distribution, in closed form.
  double mean() const;
  double variance() const;

  // E.g. "normal(mean=0.5, sd=0.3) in [0, inf)"; numbers in shortest round-trip form.
  std::string describe() const;

 private:
  Distribution() = default;
  void set_support(double lo, double hi);

  // Untruncated distribution: lower-tail and upper-tail CDF and their inverses.
  double base_cdf(double x) const;
  double base_sf(double x) const;
  double base_quantile(double p) const;
  double base_isf(double q) const;
  double scaled(double x) const;  // Beta/PERT: offset_ + scale_ * x, from the nearer end

  DistributionKind kind_ = DistributionKind::Fixed;
  double p1_ = 0.0, p2_ = 0.0, p3_ = 0.0;  // the constructor's arguments, in order
  // Beta and PERT: the [0, 1] variable, mapped to [offset_, top_] with top_ - offset_ = scale_.
  BetaShape shape_;
  double offset_ = 0.0, scale_ = 1.0, top_ = 1.0;

  // Truncation: the user's bounds, and [lo_, hi_] = support intersected with them.
  double support_lo_ = 0.0, support_hi_ = 0.0;
  std::optional<double> lower_, upper_;
  double lo_ = 0.0, hi_ = 0.0;
  bool truncated_ = false;
  bool upper_side_ = false;  // evaluate truncation on S = 1 - F
  double mass_lo_ = 0.0;     // F(lo) or, on the upper side, S(lo)
  double mass_ = 1.0;        // F(hi) - F(lo) = S(lo) - S(hi)
};

}  // namespace lissim::sim
