#include "sim/random/distribution.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <utility>

#include "sim/random/normal.h"

namespace lissim::sim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Shortest text that reads back to the same double ("0.1", "1e-05", "inf").
std::string shortest(double x) {
  char buf[32];
  const auto result = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, result.ptr);
}

// "[0, inf)", "(-inf, 5]", "[0, 1]". Built by appending: GCC 12 warns falsely (-Wrestrict)
// on "literal" + std::string temporaries.
std::string interval_text(std::optional<double> lower, std::optional<double> upper) {
  std::string text = lower ? "[" : "(-inf";
  if (lower) text += shortest(*lower);
  text += ", ";
  if (upper) text += shortest(*upper);
  text += upper ? "]" : "inf)";
  return text;
}

// "name(key=value, ...)"; an empty key prints the value alone.
std::string call_text(const char* name,
                      std::initializer_list<std::pair<const char*, double>> args) {
  std::string text = name;
  text += '(';
  bool first = true;
  for (const auto& [key, value] : args) {
    if (!first) text += ", ";
    first = false;
    text += key;
    if (*key != '\0') text += '=';
    text += shortest(value);
  }
  text += ')';
  return text;
}

[[noreturn]] void fail(const char* field, double value, const std::string& constraint) {
  throw std::invalid_argument(std::string(field) + " is " + shortest(value) + ", but must " +
                              constraint);
}

void require_finite(const char* field, double value) {
  if (!std::isfinite(value)) fail(field, value, "be finite");
}

void require_positive(const char* field, double value) {
  require_finite(field, value);
  if (!(value > 0.0)) fail(field, value, "be > 0");
}

void require_min_mode_max(double min, double mode, double max) {
  require_finite("min", min);
  require_finite("mode", mode);
  require_finite("max", max);
  if (!(max > min)) fail("max", max, std::string("be > min = ") + shortest(min));
  if (!(mode >= min && mode <= max)) {
    fail("mode", mode,
         std::string("be in [min, max] = [") + shortest(min) + ", " + shortest(max) + "]");
  }
}

// ln B(a, b). std::lgamma writes the global signgam, so it is only called while building a
// Distribution (single-threaded configuration), never while sampling.
double log_beta_function(double a, double b) {
  return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
}

// Continued fraction for I_x(a, b) (Numerical Recipes 6.4), evaluated by the modified Lentz
// method; converges quickly for x < (a + 1) / (a + b + 2).
double beta_continued_fraction(double a, double b, double x) {
  constexpr double kTiny = std::numeric_limits<double>::min() / 1e-16;
  constexpr double kTolerance = 1e-15;
  constexpr int kMaxIterations = 100000;
  const auto guard = [](double v) { return std::fabs(v) < kTiny ? kTiny : v; };
  const double qab = a + b;
  const double qap = a + 1.0;
  const double qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 / guard(1.0 - qab * x / qap);
  double h = d;
  for (int m = 1; m <= kMaxIterations; ++m) {
    const double dm = m;
    const double m2 = 2.0 * dm;
    double aa = dm * (b - dm) * x / ((qam + m2) * (a + m2));  // even step
    d = 1.0 / guard(1.0 + aa * d);
    c = guard(1.0 + aa / c);
    h *= d * c;
    aa = -(a + dm) * (qab + dm) * x / ((a + m2) * (qap + m2));  // odd step
    d = 1.0 / guard(1.0 + aa * d);
    c = guard(1.0 + aa / c);
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) <= kTolerance) return h;
  }
  throw std::runtime_error(
      std::string("incomplete beta continued fraction did not converge for a = ") + shortest(a) +
      ", b = " + shortest(b) + ", x = " + shortest(x));
}

// I_x(a, b) with y = 1 - x given separately (either may be the exact one).
double regularized_incomplete_beta(double a, double b, double log_beta, double x, double y) {
  if (x <= 0.0) return 0.0;
  if (y <= 0.0) return 1.0;
  // ln x and ln y from whichever of x, y is the smaller, which is given exactly.
  const double log_x = (x < 0.5) ? std::log(x) : std::log1p(-y);
  const double log_y = (y < 0.5) ? std::log(y) : std::log1p(-x);
  const double front = std::exp(a * log_x + b * log_y - log_beta);
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
  // I_x(a, b) = 1 - I_y(b, a); the fraction converges on this side instead.
  return 1.0 - front * beta_continued_fraction(b, a, y) / b;
}

// Starting point for the inversion (Numerical Recipes 6.4, invbetai).
double beta_inverse_guess(double a, double b, double p) {
  if (a >= 1.0 && b >= 1.0) {
    const double pp = (p < 0.5) ? p : 1.0 - p;
    const double t = std::sqrt(-2.0 * std::log(pp));
    double x = (2.30753 + t * 0.27061) / (1.0 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5) x = -x;
    const double al = (x * x - 3.0) / 6.0;
    const double h = 2.0 / (1.0 / (2.0 * a - 1.0) + 1.0 / (2.0 * b - 1.0));
    const double w = (x * std::sqrt(al + h) / h) - (1.0 / (2.0 * b - 1.0) - 1.0 / (2.0 * a - 1.0)) *
                                                       (al + 5.0 / 6.0 - 2.0 / (3.0 * h));
    return a / (a + b * std::exp(2.0 * w));
  }
  const double lna = std::log(a / (a + b));
  const double lnb = std::log(b / (a + b));
  const double t = std::exp(a * lna) / a;
  const double u = std::exp(b * lnb) / b;
  const double w = t + u;
  if (p < t / w) return std::pow(a * w * p, 1.0 / a);
  return 1.0 - std::pow(b * w * (1.0 - p), 1.0 / b);
}

}  // namespace

const char* to_string(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::Fixed: return "fixed";
    case DistributionKind::Normal: return "normal";
    case DistributionKind::Lognormal: return "lognormal";
    case DistributionKind::Uniform: return "uniform";
    case DistributionKind::Triangular: return "triangular";
    case DistributionKind::Pert: return "pert";
    case DistributionKind::Beta: return "beta";
  }
  return "unknown";
}

// ---------------------------------------------------------------------------------------
// BetaShape

BetaShape::BetaShape(double a, double b) : a_(a), b_(b), log_beta_(log_beta_function(a, b)) {
  half_cdf_ = cdf(0.5, 0.5);
  half_sf_ = sf(0.5, 0.5);
  auto table = std::make_shared<QuantileTable>();
  for (int j = 0; j <= kQuantileTableSize; ++j) {
    const double x = quantile(static_cast<double>(j) / kQuantileTableSize);  // table_ not yet set
    const double pdf = density(x, 1.0 - x);
    table->x[j] = x;
    table->slope[j] = (pdf > 0.0 && std::isfinite(pdf)) ? 1.0 / pdf : 0.0;
  }
  table_ = std::move(table);
}

double BetaShape::cdf(double x, double y) const {
  return regularized_incomplete_beta(a_, b_, log_beta_, x, y);
}

double BetaShape::sf(double x, double y) const {
  return regularized_incomplete_beta(b_, a_, log_beta_, y, x);  // 1 - I_x(a, b) = I_y(b, a)
}

double BetaShape::density(double x, double y) const {
  const double log_x = (x < 0.5) ? std::log(x) : std::log1p(-y);
  const double log_y = (y < 0.5) ? std::log(y) : std::log1p(-x);
  return std::exp((a_ - 1.0) * log_x + (b_ - 1.0) * log_y - log_beta_);
}

double BetaShape::interpolate(double p) const {
  constexpr double kSize = kQuantileTableSize;
  if (!table_ || !(p >= 1.0 / kSize && p <= 1.0 - 1.0 / kSize)) return std::numeric_limits<double>::quiet_NaN();
  const double position = p * kSize;
  const int j = std::min(static_cast<int>(position), kQuantileTableSize - 2);
  const double t = position - j, h = 1.0 / kSize;
  // Cubic Hermite basis on [p_j, p_j+1].
  const double t2 = t * t, t3 = t2 * t;
  const double h00 = 2 * t3 - 3 * t2 + 1, h10 = t3 - 2 * t2 + t, h01 = -2 * t3 + 3 * t2, h11 = t3 - t2;
  const QuantileTable& table = *table_;
  return h00 * table.x[j] + h10 * h * table.slope[j] + h01 * table.x[j + 1] + h11 * h * table.slope[j + 1];
}

double BetaShape::quantile(double p) const {
  if (!(p > 0.0)) return 0.0;
  if (!(p < 1.0)) return 1.0;
  // Above 1/2, solve S(x) = 1 - p (exact) instead: I_x near 1 carries an absolute error of
  // about 1e-16, S(x) a relative one.
  if (p > 0.5) return isf(1.0 - p);
  if (p == half_cdf_) return 0.5;
  const double table_guess = interpolate(p);
  const bool from_table = !std::isnan(table_guess);
  const double guess = from_table ? table_guess : beta_inverse_guess(a_, b_, p);
  return (p < half_cdf_) ? solve(p, false, 0.0, 0.5, guess, from_table)
                         : solve(p, false, 0.5, 1.0, guess, from_table);
}

double BetaShape::isf(double q) const {
  if (!(q > 0.0)) return 1.0;
  if (!(q < 1.0)) return 0.0;
  if (q > 0.5) return quantile(1.0 - q);  // as in quantile, the small side is the precise one
  if (q == half_sf_) return 0.5;
  // 1 - q is only the guess's abscissa: the solve works on q itself.
  const double table_guess = interpolate(1.0 - q);
  const bool from_table = !std::isnan(table_guess);
  const double guess = from_table ? table_guess : 1.0 - beta_inverse_guess(b_, a_, q);
  return (q < half_sf_) ? solve(q, true, 0.5, 1.0, guess, from_table)
                        : solve(q, true, 0.0, 0.5, guess, from_table);
}

// Solves cdf(x) = target (or sf(x) = target) for x in [lo, hi], where the root is known to lie.
// Halley steps converge cubically; any step leaving the shrinking bracket is replaced by
// bisection, so the loop always ends. From a table guess, a first step below kOneStep of the
// scale ends the solve: Halley's error after a step is of order the step cubed.
double BetaShape::solve(double target, bool upper_tail, double lo, double hi, double guess,
                        bool guess_from_table) const {
  constexpr double kRelativeTolerance = 1e-14;
  constexpr double kOneStep = 1e-7;
  constexpr int kMaxIterations = 2200;  // enough for bisection alone down to subnormals
  const auto g = [&](double x) {
    const double y = 1.0 - x;
    return upper_tail ? sf(x, y) : cdf(x, y);
  };
  // Distance to the nearer end of [0, 1]: the scale of the achievable precision.
  const auto scale = [](double x) { return std::min(x, 1.0 - x); };
  double x = (guess > lo && guess < hi) ? guess : 0.5 * (lo + hi);
  for (int iteration = 0; iteration < kMaxIterations; ++iteration) {
    const double f = g(x) - target;
    if (f == 0.0) return x;
    // cdf increases and sf decreases in x.
    ((f < 0.0) != upper_tail ? lo : hi) = x;
    double next = std::numeric_limits<double>::quiet_NaN();
    const double y = 1.0 - x;
    const double pdf = density(x, y);
    if (pdf > 0.0 && std::isfinite(pdf)) {
      const double u = upper_tail ? -f / pdf : f / pdf;                // f / g'
      const double curvature = u * ((a_ - 1.0) / x - (b_ - 1.0) / y);  // u g'' / g'
      next = x - u / (1.0 - 0.5 * std::min(1.0, curvature));
    }
    if (!(next > lo && next < hi)) {
      // Bisect; geometrically when the bracket spans orders of magnitude near 0.
      next = (lo > 0.0 && hi > 4.0 * lo) ? std::sqrt(lo * hi) : 0.5 * (lo + hi);
      if (!(next > lo && next < hi)) return x;  // the bracket is down to adjacent doubles
    }
    const double step = std::fabs(next - x);
    if (step <= kRelativeTolerance * scale(next) || next == x) return next;
    if (iteration == 0 && guess_from_table && step <= kOneStep * scale(next)) return next;
    x = next;
  }
  return x;
}

// ---------------------------------------------------------------------------------------
// Factories

void Distribution::set_support(double lo, double hi) {
  support_lo_ = lo_ = lo;
  support_hi_ = hi_ = hi;
}

Distribution Distribution::fixed(double value) {
  require_finite("value", value);
  Distribution d;
  d.kind_ = DistributionKind::Fixed;
  d.p1_ = value;
  d.set_support(value, value);
  return d;
}

Distribution Distribution::normal(double mean, double sd) {
  require_finite("mean", mean);
  require_positive("sd", sd);
  Distribution d;
  d.kind_ = DistributionKind::Normal;
  d.p1_ = mean;
  d.p2_ = sd;
  d.set_support(-kInf, kInf);
  return d;
}

Distribution Distribution::lognormal(double median, double sd_log) {
  require_positive("median", median);
  require_positive("sd_log", sd_log);
  Distribution d;
  d.kind_ = DistributionKind::Lognormal;
  d.p1_ = median;
  d.p2_ = sd_log;
  d.set_support(0.0, kInf);
  return d;
}

Distribution Distribution::uniform(double min, double max) {
  require_finite("min", min);
  require_finite("max", max);
  if (!(max > min)) fail("max", max, std::string("be > min = ") + shortest(min));
  Distribution d;
  d.kind_ = DistributionKind::Uniform;
  d.p1_ = min;
  d.p2_ = max;
  d.set_support(min, max);
  return d;
}

Distribution Distribution::triangular(double min, double mode, double max) {
  require_min_mode_max(min, mode, max);
  Distribution d;
  d.kind_ = DistributionKind::Triangular;
  d.p1_ = min;
  d.p2_ = mode;
  d.p3_ = max;
  d.set_support(min, max);
  return d;
}

Distribution Distribution::pert(double min, double mode, double max) {
  require_min_mode_max(min, mode, max);
  Distribution d;
  d.kind_ = DistributionKind::Pert;
  d.p1_ = min;
  d.p2_ = mode;
  d.p3_ = max;
  d.set_support(min, max);
  d.offset_ = min;
  d.scale_ = max - min;
  d.top_ = max;
  d.shape_ = BetaShape(1.0 + 4.0 * (mode - min) / d.scale_, 1.0 + 4.0 * (max - mode) / d.scale_);
  return d;
}

Distribution Distribution::beta(double mean, double sd) {
  require_finite("mean", mean);
  if (!(mean > 0.0 && mean < 1.0)) fail("mean", mean, "be in (0, 1)");
  require_positive("sd", sd);
  const double spread = mean * (1.0 - mean);
  if (!(sd * sd < spread)) {
    fail("sd", sd, std::string("be < sqrt(mean * (1 - mean)) = ") + shortest(std::sqrt(spread)));
  }
  Distribution d;
  d.kind_ = DistributionKind::Beta;
  d.p1_ = mean;
  d.p2_ = sd;
  d.set_support(0.0, 1.0);
  const double concentration = spread / (sd * sd) - 1.0;  // a + b
  // Beyond this the incomplete beta loses accuracy (ln B is a difference of huge lgammas)
  // and its continued fraction slows; such a share is better given as a fixed value.
  constexpr double kMaxConcentration = 1e10;
  if (!(concentration <= kMaxConcentration)) {
    fail("sd", sd,
         std::string("be >= sqrt(mean * (1 - mean) / 1e10) = ") +
             shortest(std::sqrt(spread / kMaxConcentration)) +
             " (use a fixed value for a near-certain share)");
  }
  d.shape_ = BetaShape(mean * concentration, (1.0 - mean) * concentration);
  return d;
}

Distribution Distribution::with_bounds(std::optional<double> lower,
                                       std::optional<double> upper) const {
  if (lower && std::isnan(*lower)) fail("lower", *lower, "be a number");
  if (upper && std::isnan(*upper)) fail("upper", *upper, "be a number");
  if (lower && upper && !(*lower < *upper))
    fail("lower", *lower, std::string("be < upper = ") + shortest(*upper));

  // Start from the untruncated distribution so that bounds replace earlier ones.
  Distribution d = *this;
  d.lower_.reset();
  d.upper_.reset();
  d.lo_ = support_lo_;
  d.hi_ = support_hi_;
  d.truncated_ = false;
  d.upper_side_ = false;
  d.mass_lo_ = 0.0;
  d.mass_ = 1.0;
  if (!lower && !upper) return d;

  const std::string untruncated = d.describe();
  d.lower_ = lower;
  d.upper_ = upper;
  const std::string bounds = interval_text(lower, upper);
  if (kind_ == DistributionKind::Fixed) {
    if ((lower && p1_ < *lower) || (upper && p1_ > *upper)) {
      throw std::invalid_argument("bounds are " + bounds + ", but must contain " + untruncated);
    }
    return d;
  }
  if (lower) d.lo_ = std::max(d.lo_, *lower);
  if (upper) d.hi_ = std::min(d.hi_, *upper);
  d.truncated_ = true;
  d.upper_side_ = d.base_cdf(d.lo_) > 0.5;
  if (d.upper_side_) {
    d.mass_lo_ = d.base_sf(d.lo_);
    d.mass_ = d.mass_lo_ - d.base_sf(d.hi_);
  } else {
    d.mass_lo_ = d.base_cdf(d.lo_);
    d.mass_ = d.base_cdf(d.hi_) - d.mass_lo_;
  }
  if (!(d.lo_ < d.hi_ && d.mass_ > 0.0)) {
    throw std::invalid_argument("bounds are " + bounds +
                                ", but must have positive probability under " + untruncated);
  }
  return d;
}

// ---------------------------------------------------------------------------------------
// Untruncated CDF, survival function and their inverses

double Distribution::base_cdf(double x) const {
  switch (kind_) {
    case DistributionKind::Fixed: return x < p1_ ? 0.0 : 1.0;
    case DistributionKind::Normal: return normal_cdf((x - p1_) / p2_);
    case DistributionKind::Lognormal: return x <= 0.0 ? 0.0 : normal_cdf(std::log(x / p1_) / p2_);
    case DistributionKind::Uniform: return std::clamp((x - p1_) / (p2_ - p1_), 0.0, 1.0);
    case DistributionKind::Triangular: {
      const double min = p1_, mode = p2_, max = p3_;
      if (x <= min) return 0.0;
      if (x >= max) return 1.0;
      if (x <= mode) return (x - min) * (x - min) / ((max - min) * (mode - min));
      return 1.0 - (max - x) * (max - x) / ((max - min) * (max - mode));
    }
    case DistributionKind::Pert:
    case DistributionKind::Beta:
      // Both distances computed directly, so precision holds at either end.
      return shape_.cdf((x - offset_) / scale_, (top_ - x) / scale_);
  }
  return 0.0;
}

double Distribution::base_sf(double x) const {
  switch (kind_) {
    case DistributionKind::Fixed: return x < p1_ ? 1.0 : 0.0;
    case DistributionKind::Normal: return normal_cdf((p1_ - x) / p2_);
    case DistributionKind::Lognormal: return x <= 0.0 ? 1.0 : normal_cdf(-std::log(x / p1_) / p2_);
    case DistributionKind::Uniform: return std::clamp((p2_ - x) / (p2_ - p1_), 0.0, 1.0);
    case DistributionKind::Triangular: {
      const double min = p1_, mode = p2_, max = p3_;
      if (x <= min) return 1.0;
      if (x >= max) return 0.0;
      if (x >= mode) return (max - x) * (max - x) / ((max - min) * (max - mode));
      return 1.0 - (x - min) * (x - min) / ((max - min) * (mode - min));
    }
    case DistributionKind::Pert:
    case DistributionKind::Beta: return shape_.sf((x - offset_) / scale_, (top_ - x) / scale_);
  }
  return 0.0;
}

double Distribution::scaled(double x) const {
  // Measured from the nearer end (1 - x is exact for x >= 1/2), so both ends keep precision.
  return (x <= 0.5) ? offset_ + scale_ * x : top_ - scale_ * (1.0 - x);
}

double Distribution::base_quantile(double p) const {
  switch (kind_) {
    case DistributionKind::Fixed: return p1_;
    case DistributionKind::Normal: return p1_ + p2_ * normal_quantile(p);
    case DistributionKind::Lognormal: return p1_ * std::exp(p2_ * normal_quantile(p));
    case DistributionKind::Uniform: return p1_ + p * (p2_ - p1_);
    case DistributionKind::Triangular: {
      const double min = p1_, mode = p2_, max = p3_;
      if (p <= (mode - min) / (max - min)) return min + std::sqrt(p * (max - min) * (mode - min));
      return max - std::sqrt((1.0 - p) * (max - min) * (max - mode));
    }
    case DistributionKind::Pert:
    case DistributionKind::Beta: return scaled(shape_.quantile(p));
  }
  return 0.0;
}

double Distribution::base_isf(double q) const {
  switch (kind_) {
    case DistributionKind::Fixed: return p1_;
    case DistributionKind::Normal: return p1_ - p2_ * normal_quantile(q);
    case DistributionKind::Lognormal: return p1_ * std::exp(-p2_ * normal_quantile(q));
    case DistributionKind::Uniform: return p2_ - q * (p2_ - p1_);
    case DistributionKind::Triangular: {
      const double min = p1_, mode = p2_, max = p3_;
      if (q <= (max - mode) / (max - min)) return max - std::sqrt(q * (max - min) * (max - mode));
      return min + std::sqrt((1.0 - q) * (max - min) * (mode - min));
    }
    case DistributionKind::Pert:
    case DistributionKind::Beta: return scaled(shape_.isf(q));
  }
  return 0.0;
}

// ---------------------------------------------------------------------------------------
// Public evaluation

double Distribution::quantile(double u) const {
  if (!(u >= 0.0 && u <= 1.0)) fail("u", u, "be in [0, 1]");
  if (kind_ == DistributionKind::Fixed) return p1_;
  if (truncated_ && u == 0.0) return lo_;  // exact, where F^-1(F(lo)) would round
  if (truncated_ && u == 1.0) return hi_;
  double x;
  if (!truncated_) {
    x = base_quantile(u);
  } else if (upper_side_) {
    x = base_isf(std::max(mass_lo_ - u * mass_, 0.0));
  } else {
    x = base_quantile(std::min(mass_lo_ + u * mass_, 1.0));
  }
  // Rounding in F or F^-1 can step just outside the support or the bounds; the exact
  // answer never does.
  return std::clamp(x, lo_, hi_);
}

double Distribution::cdf(double x) const {
  if (!truncated_) return base_cdf(x);
  if (x < lo_) return 0.0;
  if (x >= hi_) return 1.0;
  const double inside = upper_side_ ? mass_lo_ - base_sf(x) : base_cdf(x) - mass_lo_;
  return std::clamp(inside / mass_, 0.0, 1.0);
}

double Distribution::mean() const {
  switch (kind_) {
    case DistributionKind::Fixed: return p1_;
    case DistributionKind::Normal: return p1_;
    case DistributionKind::Lognormal: return p1_ * std::exp(0.5 * p2_ * p2_);
    case DistributionKind::Uniform: return 0.5 * (p1_ + p2_);
    case DistributionKind::Triangular: return (p1_ + p2_ + p3_) / 3.0;
    case DistributionKind::Pert: return (p1_ + 4.0 * p2_ + p3_) / 6.0;
    case DistributionKind::Beta: return p1_;
  }
  return 0.0;
}

double Distribution::variance() const {
  switch (kind_) {
    case DistributionKind::Fixed: return 0.0;
    case DistributionKind::Normal: return p2_ * p2_;
    case DistributionKind::Lognormal: {
      const double s2 = p2_ * p2_;
      return p1_ * p1_ * std::exp(s2) * std::expm1(s2);
    }
    case DistributionKind::Uniform: return (p2_ - p1_) * (p2_ - p1_) / 12.0;
    case DistributionKind::Triangular: {
      const double a = p1_, c = p2_, b = p3_;
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
    }
    case DistributionKind::Pert: {
      const double a = shape_.a(), b = shape_.b(), n = a + b;  // n = 6 for lambda = 4
      return scale_ * scale_ * a * b / (n * n * (n + 1.0));
    }
    case DistributionKind::Beta: return p2_ * p2_;
  }
  return 0.0;
}

std::string Distribution::describe() const {
  const char* name = to_string(kind_);
  std::string text;
  switch (kind_) {
    case DistributionKind::Fixed: text = call_text(name, {{"", p1_}}); break;
    case DistributionKind::Normal: text = call_text(name, {{"mean", p1_}, {"sd", p2_}}); break;
    case DistributionKind::Lognormal:
      text = call_text(name, {{"median", p1_}, {"sd_log", p2_}});
      break;
    case DistributionKind::Uniform: text = call_text(name, {{"min", p1_}, {"max", p2_}}); break;
    case DistributionKind::Triangular:
    case DistributionKind::Pert:
      text = call_text(name, {{"min", p1_}, {"mode", p2_}, {"max", p3_}});
      break;
    case DistributionKind::Beta: text = call_text(name, {{"mean", p1_}, {"sd", p2_}}); break;
  }
  if (lower_ || upper_) {
    text += " in ";
    text += interval_text(lower_, upper_);
  }
  return text;
}

}  // namespace lissim::sim
