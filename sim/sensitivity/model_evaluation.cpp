#include "sim/sensitivity/model_evaluation.h"

#include <algorithm>
#include <map>

#include "sim/engine/monte_carlo.h"
#include "sim/engine/parallel.h"
#include "sim/errors.h"

namespace lissim::sim {
namespace {

// A unit-cube coordinate strictly inside (0, 1), where every inverse CDF is finite.
double inside(double u) { return std::clamp(u, 1e-12, 1.0 - 1e-12); }

int find_measure(const std::string& name) {
  for (int m = 0; m < models::kAppraisalMeasureCount; ++m)
    if (models::appraisal_measure_info(static_cast<models::AppraisalMeasure>(m)).name == name) return m;
  return -1;
}

}  // namespace

std::vector<ModelOutput> model_outputs(const Scenario& scenario, const SeriesLayout& layout,
                                       const std::vector<std::string>& specs) {
  std::vector<std::string> wanted = specs;
  if (wanted.empty()) {
    for (const models::Target& t : scenario.targets)
      wanted.push_back(std::string(models::indicator_info(t.indicator).name) + "@" + std::to_string(scenario.deadline));
    if (layout.interventions > 0) wanted.push_back("all:bcr");
  }
  std::vector<ModelOutput> out;
  for (const std::string& spec : wanted) {
    ModelOutput o;
    o.label = spec;
    const auto at = spec.find('@');
    if (at != std::string::npos) {
      std::string name = spec.substr(0, at);
      if (name.starts_with("effect:")) {
        if (layout.paths < 3) throw InputError("--output " + spec + ": the scenario has no interventions, so no effect");
        o.path = static_cast<int>(Path::effect);
        name = name.substr(7);
      }
      const int indicator = models::find_indicator(name);
      if (indicator < 0) throw InputError("--output " + spec + ": '" + name + "' is not an indicator (docs/results.md)");
      o.indicator = static_cast<models::Indicator>(indicator);
      int year = 0;
      try {
        year = std::stoi(spec.substr(at + 1));
      } catch (...) {
        year = 0;
      }
      if (year <= scenario.base_year() || year > scenario.horizon)
        throw InputError("--output " + spec + ": the year must be after " + std::to_string(scenario.base_year()) +
                         " and not after the horizon " + std::to_string(scenario.horizon));
      o.year_index = year - scenario.base_year();
    } else {
      const auto colon = spec.find(':');
      const std::string id = colon == std::string::npos ? "" : spec.substr(0, colon);
      const int measure = colon == std::string::npos ? -1 : find_measure(spec.substr(colon + 1));
      int index = -1;
      for (std::size_t i = 0; i < scenario.interventions.size(); ++i)
        if (scenario.interventions[i].design.id == id) index = static_cast<int>(i);
      if (id == "all" && layout.interventions > 0) index = layout.interventions - 1;
      if (index < 0 || measure < 0)
        throw InputError("--output " + spec + ": must be INDICATOR@YEAR, effect:INDICATOR@YEAR or INTERVENTION:MEASURE "
                                              "(an intervention id or all, and cost_pv, benefit_pv, npv, bcr, "
                                              "cost_per_net_job or cost_per_net_job_year)");
      o.appraisal = true;
      o.intervention = index;
      o.measure = static_cast<models::AppraisalMeasure>(measure);
    }
    out.push_back(o);
  }
  return out;
}

std::vector<std::string> model_columns(const Scenario& scenario) {
  std::vector<std::string> names;
  for (const int i : scenario.parameters.uncertain()) names.push_back(scenario.parameters.at(i).name);
  names.push_back("macro_shocks");
  return names;
}

std::vector<FactorGroup> model_factors(const Scenario& scenario, bool individual,
                                       const std::vector<std::string>& prefixes) {
  const std::vector<std::string> columns = model_columns(scenario);
  const std::size_t shocks = columns.size() - 1;
  std::vector<FactorGroup> groups;
  std::map<std::string, std::size_t> by_name;
  std::vector<bool> used(prefixes.size(), false);
  for (std::size_t c = 0; c < shocks; ++c) {
    std::string name = columns[c];
    bool chosen = prefixes.empty();
    for (std::size_t p = 0; p < prefixes.size(); ++p)
      if (name.starts_with(prefixes[p])) chosen = used[p] = true;
    if (!chosen) {
      name = "other_parameters";
    } else if (!individual) {
      // calibration.sectors.<id>.<key> -> calibration.sectors.*.<key>; interventions.<id>.* -> interventions.<id>
      const std::string sectors = "calibration.sectors.";
      if (name.starts_with(sectors)) {
        const auto dot = name.find('.', sectors.size());
        if (dot != std::string::npos) name = sectors + "*" + name.substr(dot);
      } else if (name.starts_with("interventions.")) {
        name = name.substr(0, name.find('.', 14));
      }
    }
    auto [it, added] = by_name.emplace(name, groups.size());
    if (added) groups.push_back({name, {}});
    groups[it->second].columns.push_back(c);
  }
  for (std::size_t p = 0; p < prefixes.size(); ++p)
    if (!used[p])
      throw InputError("--params " + prefixes[p] + ": no uncertain parameter's name starts with it (the names are "
                       "those of /parameters/names in a results file, e.g. calibration.national_cycle.sd_pct)");
  groups.push_back({"macro_shocks", {shocks}});
  return groups;
}

// Every member's blocks (member r evaluated blocks r, r + size, ...), output by output, go to
// every member.
void gather_blocks(std::vector<std::vector<double>>& values, std::uint64_t evaluations, Team& team) {
  const auto members = static_cast<std::size_t>(team.size());
  const auto rank = static_cast<std::size_t>(team.rank());
  const auto blocks = static_cast<std::size_t>((evaluations + kBlockDraws - 1) / kBlockDraws);
  std::vector<double> mine;
  for (std::size_t b = rank; b < blocks; b += members)
    for (const auto& v : values) {
      const std::uint64_t first = b * static_cast<std::uint64_t>(kBlockDraws);
      const std::uint64_t last = std::min<std::uint64_t>(first + kBlockDraws, evaluations);
      mine.insert(mine.end(), v.begin() + static_cast<std::ptrdiff_t>(first), v.begin() + static_cast<std::ptrdiff_t>(last));
    }
  const std::vector<std::vector<double>> all = team.gather(mine);
  for (std::size_t r = 0; r < members; ++r) {
    std::size_t at = 0;
    for (std::size_t b = r; b < blocks; b += members)
      for (auto& v : values) {
        const std::uint64_t first = b * static_cast<std::uint64_t>(kBlockDraws);
        const std::uint64_t last = std::min<std::uint64_t>(first + kBlockDraws, evaluations);
        std::copy_n(all[r].begin() + static_cast<std::ptrdiff_t>(at), last - first, v.begin() + static_cast<std::ptrdiff_t>(first));
        at += last - first;
      }
  }
}

std::vector<std::vector<double>> evaluate_model(
    const Simulator& simulator, const std::vector<ModelOutput>& outputs, std::uint64_t evaluations,
    const std::function<void(std::uint64_t, std::span<double>)>& point,
    const std::function<std::uint64_t(std::uint64_t, std::span<const double>)>& shock_draw, int threads,
    Team* team_or_null, const std::function<std::uint64_t(std::uint64_t)>& order) {
  Team solo;
  Team& team = team_or_null ? *team_or_null : solo;
  const auto members = static_cast<std::size_t>(team.size());
  const auto rank = static_cast<std::size_t>(team.rank());
  const Scenario& scenario = simulator.scenario();
  const SeriesLayout& layout = simulator.layout();
  const std::vector<int>& uncertain = scenario.parameters.uncertain();
  const std::size_t columns = uncertain.size() + 1;
  // values[o][position]: the evaluations in processing order, put in evaluation order at the end.
  std::vector<std::vector<double>> values(outputs.size(), std::vector<double>(evaluations));
  const auto blocks = static_cast<std::size_t>((evaluations + kBlockDraws - 1) / kBlockDraws);
  const std::size_t own_blocks = blocks > rank ? (blocks - rank + members - 1) / members : 0;
  std::vector<BlockValues> block_values(static_cast<std::size_t>(std::max(1, threads)));
  parallel_chunks(own_blocks, std::max(1, threads), [&](std::size_t k, int worker) {
    const std::size_t b = rank + k * members;
    const std::uint64_t first = b * static_cast<std::uint64_t>(kBlockDraws);
    const auto count = static_cast<Eigen::Index>(std::min<std::uint64_t>(kBlockDraws, evaluations - first));
    Eigen::ArrayXXd parameters(count, static_cast<Eigen::Index>(uncertain.size()));
    std::vector<std::uint64_t> shocks(static_cast<std::size_t>(count));
    std::vector<double> u(columns);
    for (Eigen::Index i = 0; i < count; ++i) {
      const std::uint64_t position = first + static_cast<std::uint64_t>(i);
      const std::uint64_t e = order ? order(position) : position;
      point(e, u);
      for (std::size_t j = 0; j < uncertain.size(); ++j)
        parameters(i, static_cast<Eigen::Index>(j)) =
            scenario.parameters.at(uncertain[j]).distribution.quantile(inside(u[j]));
      shocks[static_cast<std::size_t>(i)] = shock_draw(e, u);
    }
    BlockValues& out = block_values[static_cast<std::size_t>(worker)];
    simulator.run(DrawInputs{first, count, &parameters, &shocks}, out);
    for (std::size_t o = 0; o < outputs.size(); ++o) {
      const ModelOutput& m = outputs[o];
      for (Eigen::Index i = 0; i < count; ++i) {
        const auto position = static_cast<std::size_t>(first) + static_cast<std::size_t>(i);
        values[o][position] =
            m.appraisal
                ? out.draw_values[static_cast<std::size_t>(layout.draw_value_index(m.intervention, models::View::local,
                                                                                   m.measure))][i]
                : out.series[static_cast<std::size_t>(layout.indicator_series(m.path, m.indicator))](i, m.year_index);
      }
    }
  });
  if (members > 1) gather_blocks(values, evaluations, team);
  if (!order) return values;
  std::vector<std::vector<double>> by_evaluation(outputs.size(), std::vector<double>(evaluations));
  for (std::uint64_t p = 0; p < evaluations; ++p) {
    const std::uint64_t e = order(p);
    for (std::size_t o = 0; o < outputs.size(); ++o) by_evaluation[o][e] = values[o][p];
  }
  return by_evaluation;
}

}  // namespace lissim::sim
