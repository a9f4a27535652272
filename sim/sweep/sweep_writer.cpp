#include "sim/sweep/sweep_writer.h"

#include <map>

#include "sim/engine/quantile_selector.h"
#include "sim/errors.h"
#include "sim/io/file_header.h"
#include "sim/io/hdf5_file.h"
#include "sim/io/results_writer.h"

namespace lissim::sim {
namespace {

// Groups created on first use, by path.
class GroupTree {
 public:
  explicit GroupTree(H5Group& root) : root_(root) {}
  const H5Group& at(const std::string& path) {
    if (path.empty()) return root_;
    auto it = groups_.find(path);
    if (it != groups_.end()) return it->second;
    const auto slash = path.rfind('/');
    const H5Group& parent = at(slash == std::string::npos ? "" : path.substr(0, slash));
    return groups_.emplace(path, parent.group(path.substr(slash == std::string::npos ? 0 : slash + 1))).first->second;
  }

 private:
  H5Group& root_;
  std::map<std::string, H5Group> groups_;
};

}  // namespace

void write_sweep(const std::string& path, const SweepSpec& spec, const std::vector<SweepPoint>& points,
                 const Scenario& base, const std::vector<int>& summary_years,
                 const std::vector<PointSummary>& summaries) {
  quiet_hdf5_errors();
  H5OutputFile file(path);
  H5Group& root = file.root();
  write_file_header(root, kSweepFiletype, kFormatMajor, kFormatMinor);
  root.attribute("sweep_yaml", spec.resolved_yaml);
  root.attribute("sweep_file", spec.file);
  root.attribute("scenario_name", base.name);
  root.attribute("base_scenario_yaml", base.resolved_yaml);
  root.attribute("seed", static_cast<std::int64_t>(base.seed));
  root.attribute("draws", static_cast<std::int64_t>(base.draws));
  root.attribute("mode", std::string(spec.grid ? "grid" : "one_at_a_time"));
  root.attribute("base_year", static_cast<std::int64_t>(base.base_year()));
  root.attribute("deadline", static_cast<std::int64_t>(base.deadline));

  const auto n_points = static_cast<hsize_t>(points.size());
  const auto n_axes = static_cast<hsize_t>(spec.axes.size());
  std::vector<int> years, chosen;
  for (int y = 0; y < base.years(); ++y) years.push_back(base.base_year() + y);
  for (const int y : summary_years) chosen.push_back(base.base_year() + y);
  const H5Dataset year_scale = root.write("years", years);
  year_scale.set_units("year", "Calendar years of the prob_met datasets");
  year_scale.make_scale("year");
  const H5Dataset summary_year_scale = root.write("summary_years", chosen);
  summary_year_scale.set_units("year", "Years of the quantiles and mean datasets");
  summary_year_scale.make_scale("summary_year");
  const H5Dataset quantile_scale = root.write("quantile_levels", {kQuantileLevels.size()}, kQuantileLevels.data());
  quantile_scale.set_units("1", "Probability levels of the quantiles datasets");
  quantile_scale.make_scale("quantile");

  H5Group table = root.group("points");
  const H5Dataset point_scale = table.write_index("index", n_points);
  point_scale.set_units("", "Point number from 0: the rows of every dataset below");
  point_scale.make_scale("point");
  std::vector<std::string> keys;
  for (const SweepAxis& a : spec.axes) keys.push_back(a.key);
  const H5Dataset axis_scale = table.write("keys", keys);
  axis_scale.set_units("", "Key path of each axis (columns of values)");
  axis_scale.make_scale("axis");
  std::vector<double> values;
  std::vector<int> varied;
  for (const SweepPoint& p : points) {
    values.insert(values.end(), p.values.begin(), p.values.end());
    varied.push_back(p.varied_axis);
  }
  H5Dataset v = table.write("values", {n_points, n_axes}, values.data());
  v.set_units("scenario file units", "Value of each axis at each point; NaN: the base scenario's value");
  v.set_dims({"point", "axis"});
  const H5Dataset varied_axis = table.write("varied_axis", varied);
  varied_axis.set_units("", "One at a time: the axis each point moves (-1 for the base point); grid: -1");
  varied_axis.set_dims({"point"});

  GroupTree tree(root);
  const PointSummary& first = summaries.front();
  for (std::size_t k = 0; k < first.size(); ++k) {
    const SweepArray& a = first[k];
    std::vector<hsize_t> dims{n_points};
    for (const std::size_t d : a.shape) dims.push_back(static_cast<hsize_t>(d));
    std::vector<double> data;
    for (const PointSummary& s : summaries) {
      if (s.size() != first.size() || s[k].path != a.path || s[k].values.size() != a.values.size())
        throw InputError(spec.file + ": the points do not all produce the same results (" + a.path +
                         "); an axis may not change the horizon, the targets or the interventions");
      data.insert(data.end(), s[k].values.begin(), s[k].values.end());
    }
    const auto slash = a.path.rfind('/');
    const H5Group& group = tree.at(a.path.substr(0, slash));
    H5Dataset d = group.write(a.path.substr(slash + 1), dims, data.data());
    d.set_units(a.units, a.description);
    std::vector<std::string> names{"point"};
    if (a.path.ends_with("/quantiles")) names.push_back("quantile");
    if (a.shape.size() + 1 > names.size()) names.push_back(a.path.find("/prob_met") != std::string::npos ? "year" : "summary_year");
    d.set_dims(names);
  }
  file.close();
}

}  // namespace lissim::sim
