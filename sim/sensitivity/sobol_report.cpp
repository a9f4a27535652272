#include "sim/sensitivity/sobol_report.h"

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace lissim::sim {
namespace {

void print_indices(std::ostream& out, const std::string& label, const SobolIndices& s, const AnalyticIndices* exact) {
  out << "\n" << label << ": Sobol indices (" << static_cast<int>(100 * s.confidence)
      << "% bootstrap intervals), largest total first\n";
  std::vector<std::size_t> order(s.factors.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t x, std::size_t y) { return s.factors[x].total.value > s.factors[y].total.value; });
  for (const std::size_t i : order) {
    const FactorIndices& f = s.factors[i];
    char line[256];
    std::snprintf(line, sizeof line, "  %-48s S1 %6.3f [%6.3f, %6.3f]  ST %6.3f [%6.3f, %6.3f]", f.name.c_str(),
                  f.first_order.value, f.first_order.low, f.first_order.high, f.total.value, f.total.low, f.total.high);
    out << line;
    if (exact) {
      std::snprintf(line, sizeof line, "  exact S1 %.4f ST %.4f", exact->first_order[i], exact->total[i]);
      out << line;
    }
    out << "\n";
  }
  for (const std::string& w : s.warnings) out << "  warning: " << w << "\n";
}

void print_effects(std::ostream& out, const std::string& label, std::vector<MorrisFactor> factors) {
  out << "\n" << label << ": Morris elementary effects, largest mu* first\n";
  std::sort(factors.begin(), factors.end(), [](const auto& x, const auto& y) { return x.mu_star > y.mu_star; });
  for (const MorrisFactor& f : factors) {
    char line[200];
    std::snprintf(line, sizeof line, "  %-48s mu* %11.4g  mu %11.4g  sigma %11.4g\n", f.name.c_str(), f.mu_star, f.mu,
                  f.sigma);
    out << line;
  }
}

}  // namespace

void print_sobol_analysis(std::ostream& out, const SobolAnalysis& a) {
  for (std::size_t o = 0; o < a.sobol.size(); ++o)
    print_indices(out, a.outputs[o], a.sobol[o], a.exact.empty() ? nullptr : &a.exact[o]);
  for (std::size_t o = 0; o < a.morris.size(); ++o) print_effects(out, a.outputs[o], a.morris[o]);
}

}  // namespace lissim::sim
