#pragma once
// Mean and variance accumulators that merge exactly the same way every run: a block's
// moments are computed two-pass, and blocks are merged in draw order (Chan et al. 1979):
//   n = na + nb,  d = mean_b - mean_a,  mean = mean_a + d nb / n,  M2 = M2a + M2b + d^2 na nb / n.
// NaN values (undefined indicators) are skipped and not counted.
#include <cmath>

#include <Eigen/Core>

namespace lissim::sim {

struct Moments {
  double count = 0;
  double mean = 0;
  double m2 = 0;  // sum of squared deviations from the mean

  void merge(const Moments& other) {
    if (other.count == 0) return;
    if (count == 0) {
      *this = other;
      return;
    }
    const double n = count + other.count;
    const double delta = other.mean - mean;
    mean += delta * other.count / n;
    m2 += other.m2 + delta * delta * count * other.count / n;
    count = n;
  }

  // Sample standard deviation (n - 1 in the denominator); 0 for fewer than two values.
  double sd() const { return count > 1 ? std::sqrt(m2 / (count - 1)) : 0.0; }

  template <typename Column>
  static Moments of(const Column& x) {
    Moments m;
    double sum = 0;
    for (Eigen::Index i = 0; i < x.size(); ++i)
      if (!std::isnan(x[i])) sum += x[i], m.count += 1;
    if (m.count == 0) return m;
    m.mean = sum / m.count;
    for (Eigen::Index i = 0; i < x.size(); ++i)
      if (!std::isnan(x[i])) m.m2 += (x[i] - m.mean) * (x[i] - m.mean);
    return m;
  }
};

}  // namespace lissim::sim
