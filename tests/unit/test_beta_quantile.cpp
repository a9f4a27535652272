// Beta quantiles (BetaShape, which beta and PERT parameters sample through) against SciPy's
// scipy.stats.beta.ppf and .isf: tests/data/beta_quantiles/reference.csv, made by the script
// beside it.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/random/distribution.h"
#include "run_lissim.h"

using lissim::sim::BetaShape;

namespace {

struct Reference {
  double a, b, p, ppf, isf;
};

std::vector<Reference> read_reference() {
  std::ifstream in(lissim::test::source_path("tests/data/beta_quantiles/reference.csv"));
  REQUIRE(in);
  std::vector<Reference> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line[0] == 'a') continue;  // comment, header
    std::replace(line.begin(), line.end(), ',', ' ');
    std::istringstream fields(line);
    Reference r{};
    fields >> r.a >> r.b >> r.p >> r.ppf >> r.isf;
    REQUIRE(fields);
    rows.push_back(r);
  }
  return rows;
}

// Within `relative` of the distance to the nearer end of [0, 1], where the precision is. Near 1
// a double cannot hold 1 - x to better than an ulp of 1 (2^-52), whence the absolute term.
bool close(double x, double reference, double relative) {
  return std::fabs(x - reference) <= relative * std::min(reference, 1.0 - reference) + 0x1p-52;
}

}  // namespace

TEST_CASE("beta quantiles match SciPy's beta.ppf and beta.isf", "[distribution][beta]") {
  const std::vector<Reference> rows = read_reference();
  REQUIRE(rows.size() == 14 * 21);
  for (const Reference& r : rows) {
    const BetaShape shape(r.a, r.b);
    INFO("a = " << r.a << ", b = " << r.b << ", p = " << r.p);
    // The solve ends within 1e-14; the rest is I_x's error, which grows with a + b (ln B(a, b)
    // is a difference of large lgamma values; distribution.h).
    const double relative = (r.a + r.b <= 1000.0) ? 1e-13 : 2e-12;
    CHECK(close(shape.quantile(r.p), r.ppf, relative));
    CHECK(close(shape.isf(r.p), r.isf, relative));
  }
}

TEST_CASE("the quantile table's one-step solve agrees with the full solve", "[distribution][beta]") {
  // A shape copied keeps its table (shared); quantiles from the table-started solve agree with
  // I_x inverted to the solver's tolerance: cdf(quantile(p)) = p.
  for (const auto& [a, b] : {std::pair{1.8, 4.2}, std::pair{13.3125, 4.4375}, std::pair{0.3, 2.0}}) {
    const BetaShape shape(a, b);
    const BetaShape copy = shape;
    for (int i = 1; i < 2000; ++i) {
      const double p = i / 2000.0;
      const double x = shape.quantile(p);
      REQUIRE(copy.quantile(p) == x);
      const double density = std::exp((a - 1) * std::log(x) + (b - 1) * std::log1p(-x) +
                                      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b));
      // |F(x) - p| within the solver's 1e-14 relative step in x, plus I_x's own error.
      REQUIRE(std::fabs(shape.cdf(x, 1.0 - x) - p) <= density * 2e-14 * std::min(x, 1.0 - x) + 4e-15 * p);
    }
  }
}
