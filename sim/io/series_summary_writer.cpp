#include "sim/io/series_summary_writer.h"

namespace lissim::sim {

void write_series_summary(const H5Group& g, const SeriesSummary& s, std::int64_t draws, const std::string& units,
                          const std::string& description) {
  using RowMajor = Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  auto h = [](Eigen::Index n) { return static_cast<hsize_t>(n); };
  const RowMajor q = s.quantiles;
  const H5Dataset quantiles = g.write("quantiles", {h(q.rows()), h(q.cols())}, q.data());
  quantiles.set_units(units, description);
  quantiles.attribute("dims", std::vector<std::string>{"quantile", "year"});
  g.write("mean", {h(s.mean.size())}, s.mean.data()).set_units(units, description);
  g.write("sd", {h(s.sd.size())}, s.sd.data()).set_units(units, description);
  if ((s.valid < static_cast<double>(draws)).any()) {
    const Eigen::ArrayXd fraction = s.valid / static_cast<double>(draws);
    g.write("defined_fraction", {h(fraction.size())}, fraction.data())
        .set_units("1", "Fraction of draws where the value is defined; quantiles, mean and sd are over those");
  }
}

}  // namespace lissim::sim
