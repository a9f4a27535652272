#include "sim/compare/compared_results.h"

#include <algorithm>
#include <cmath>

#include "sim/errors.h"

namespace lissim::sim {
namespace {

std::size_t quantile_row(const ResultsReader& file, const std::vector<double>& levels, double level) {
  for (std::size_t i = 0; i < levels.size(); ++i)
    if (std::fabs(levels[i] - level) < 1e-9) return i;
  throw InputError(file.path() + ": damaged results file: /quantile_levels lacks " + std::to_string(level));
}

}  // namespace

int ComparedResults::year_index(int year) const {
  const auto it = std::find(years.begin(), years.end(), year);
  return it == years.end() ? -1 : static_cast<int>(it - years.begin());
}

std::vector<std::string> ComparedResults::members_if_group(const std::string& group) const {
  return reader->is_group(group) ? reader->members(group) : std::vector<std::string>{};
}

ComparedResults open_compared(const std::string& path) {
  ComparedResults f;
  f.reader = std::make_unique<ResultsReader>(path);
  f.scenario = read_embedded_scenario(*f.reader);
  for (const double y : f.reader->numbers("/years").values) f.years.push_back(static_cast<int>(y));
  if (f.years.empty()) throw InputError(path + ": damaged results file: /years is empty");
  const std::vector<double> levels = f.reader->numbers("/quantile_levels").values;
  f.q05 = quantile_row(*f.reader, levels, 0.05);
  f.q50 = quantile_row(*f.reader, levels, 0.50);
  f.q95 = quantile_row(*f.reader, levels, 0.95);
  return f;
}

std::vector<std::string> union_of(const std::vector<std::vector<std::string>>& per_file,
                                  const std::vector<std::string>& preferred, const std::string& last) {
  std::vector<std::string> all;
  for (const auto& names : per_file)
    for (const auto& name : names)
      if (name != last && std::find(all.begin(), all.end(), name) == all.end()) all.push_back(name);
  std::sort(all.begin(), all.end());
  std::vector<std::string> ordered = in_preferred_order(all, preferred);
  bool has_last = false;
  for (const auto& names : per_file) has_last = has_last || std::find(names.begin(), names.end(), last) != names.end();
  if (!last.empty() && has_last) ordered.push_back(last);
  return ordered;
}

std::vector<std::string> listed_ids(const std::vector<ComparedResults>& files,
                                    const std::vector<std::string>& key_path) {
  std::vector<std::string> ids;
  for (const auto& f : files)
    for (const auto& id : f.scenario.listed_ids(key_path))
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  return ids;
}

}  // namespace lissim::sim
