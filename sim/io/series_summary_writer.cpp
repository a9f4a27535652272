#include "sim/io/series_summary_writer.h"

namespace lissim::sim {

void write_series_summary(const H5Group& g, const SeriesSummary& s, std::int64_t draws, const std::string& units,
                          const std::string& description) {
  using RowMajor = Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  auto h = [](Eigen::Index n) { return static_cast<hsize_t>(n); };
  const RowMajor q = s.quantiles;
  const H5Dataset quantiles = g.write("quantiles", {h(q.rows()), h(q.cols())}, q.data());
  quantiles.set_units(units, description);
  quantiles.set_dims({"quantile", "year"});
  for (auto [name, values] : {std::pair{"mean", &s.mean}, std::pair{"sd", &s.sd}}) {
    const H5Dataset set = g.write(name, {h(values->size())}, values->data());
    set.set_units(units, description);
    set.set_dims({"year"});
  }
  if ((s.valid < static_cast<double>(draws)).any()) {
    const Eigen::ArrayXd fraction = s.valid / static_cast<double>(draws);
    const H5Dataset defined = g.write("defined_fraction", {h(fraction.size())}, fraction.data());
    defined.set_units("1", "Fraction of draws where the value is defined; quantiles, mean and sd are over those");
    defined.set_dims({"year"});
  }
}

}  // namespace lissim::sim
