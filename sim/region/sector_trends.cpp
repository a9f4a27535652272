#include "sim/region/sector_trends.h"

#include <cmath>

namespace lissim::sim {

ShareTrend fit_share_trend(const std::vector<int>& years, const std::vector<double>& part,
                           const std::vector<double>& total, int base_year, int window) {
  std::vector<double> x, y;
  for (std::size_t i = 0; i < years.size() && i < part.size() && i < total.size(); ++i) {
    if (years[i] < base_year - window || years[i] > base_year) continue;
    if (!(part[i] > 0) || !(total[i] > 0)) continue;
    x.push_back(years[i]);
    y.push_back(100 * std::log(part[i] / total[i]));
  }
  ShareTrend t;
  t.years = static_cast<int>(x.size());
  if (t.years < kShareTrendMinYears) return t;
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < x.size(); ++i) mx += x[i], my += y[i];
  mx /= t.years;
  my /= t.years;
  double sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) sxx += (x[i] - mx) * (x[i] - mx), sxy += (x[i] - mx) * (y[i] - my);
  t.pct = sxy / sxx;
  double rss = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double e = y[i] - my - t.pct * (x[i] - mx);
    rss += e * e;
  }
  t.se_pct = std::sqrt(rss / (t.years - 2) / sxx);
  t.first = static_cast<int>(x.front());
  t.last = static_cast<int>(x.back());
  t.fitted = true;
  return t;
}

std::vector<ShareTrend> uk_output_share_trends(const BuiltRegion& b) {
  const HistorySeries* total = nullptr;
  for (const auto& h : b.history)
    if (h.id == "gva_chained_volume" && h.sector.empty()) total = &h;
  std::vector<ShareTrend> out(b.sectors.size());
  if (!total) return out;
  for (std::size_t s = 0; s < b.sectors.size(); ++s) {
    for (const auto& h : b.history) {
      if (h.id != "gva_chained_volume" || h.sector != b.sectors[s].id) continue;
      // Line the sector's years up with the total's (a year with a suppressed cell is missing).
      std::vector<double> all(h.years.size(), 0.0);
      for (std::size_t i = 0; i < h.years.size(); ++i)
        for (std::size_t k = 0; k < total->years.size(); ++k)
          if (total->years[k] == h.years[i]) all[i] = total->uk[k];
      out[s] = fit_share_trend(h.years, h.uk, all, b.base_year);
    }
  }
  return out;
}

}  // namespace lissim::sim
