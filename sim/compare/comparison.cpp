#include "sim/compare/comparison.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "sim/compare/compared_results.h"
#include "sim/compare/comparison_appraisal.h"
#include "sim/errors.h"
#include "sim/io/indicator_order.h"
#include "sim/io/results_reader.h"

namespace lissim::sim {
namespace {

int integer_or(const ResultsReader& file, const std::string& name, int fallback) {
  return file.has_attribute("/", name) ? static_cast<int>(file.integer_attribute("/", name)) : fallback;
}

ComparedFile describe(const ComparedResults& f, std::size_t index) {
  const ResultsReader& r = *f.reader;
  ComparedFile file;
  file.path = r.path();
  file.label = std::string(1, static_cast<char>('A' + std::min<std::size_t>(index, 25)));
  if (index >= 26) file.label += std::to_string(index - 24);  // Z2, Z3, ... past 26 files
  file.scenario_name = r.has_attribute("/", "scenario_name") ? r.text_attribute("/", "scenario_name") : "";
  file.seed = r.has_attribute("/", "seed") ? r.integer_attribute("/", "seed") : 0;
  file.draws = r.has_attribute("/", "draws") ? r.integer_attribute("/", "draws") : 0;
  file.base_year = integer_or(r, "base_year", f.years.front());
  file.horizon = integer_or(r, "horizon", f.years.back());
  file.deadline = integer_or(r, "deadline", file.horizon);
  return file;
}

std::vector<int> chosen_years(const std::vector<ComparedResults>& files, const ComparedFile& first,
                              const std::vector<int>& requested) {
  std::vector<int> years = requested;
  if (years.empty()) years = {first.deadline, first.horizon};
  std::vector<int> unique;
  for (const int y : years)
    if (std::find(unique.begin(), unique.end(), y) == unique.end()) unique.push_back(y);
  for (const int y : unique) {
    const bool somewhere =
        std::any_of(files.begin(), files.end(), [y](const ComparedResults& f) { return f.year_index(y) >= 0; });
    if (!somewhere)
      throw InputError("--years: " + std::to_string(y) + " is not a year of any file (A covers " +
                       std::to_string(files[0].years.front()) + "-" + std::to_string(files[0].years.back()) + ")");
  }
  return unique;
}

std::string target_definition(const ResultsReader& r, const std::string& group) {
  std::string text;
  for (const char* name : {"indicator", "rule", "threshold", "deadline"}) {
    if (!r.has_attribute(group, name)) continue;
    const AttributeValue v = r.attribute(group, name);
    for (const auto& t : v.texts) text += t + "|";
    for (const auto i : v.integers) text += std::to_string(i) + "|";
    for (const auto x : v.reals) text += std::to_string(x) + "|";
  }
  return text;
}

void compare_targets(const std::vector<ComparedResults>& files, const std::vector<ComparedFile>& described,
                     Comparison& out) {
  std::vector<std::vector<std::string>> ids;
  for (const auto& f : files) ids.push_back(f.members_if_group("/targets"));
  for (const auto& id : union_of(ids, listed_ids(files, {"targets", "targets"}), "all")) {
    TargetRow row;
    row.id = id;
    std::string definition;
    bool seen = false;
    for (std::size_t i = 0; i < files.size(); ++i) {
      const ResultsReader& r = *files[i].reader;
      const std::string group = "/targets/" + id;
      double p = kNaN;
      int deadline = 0;
      if (files[i].has(group + "/prob_met")) {
        deadline = r.has_attribute(group, "deadline") ? static_cast<int>(r.integer_attribute(group, "deadline"))
                                                      : described[i].deadline;
        if (r.has_attribute(group, "prob_met_at_deadline")) {
          p = r.real_attribute(group, "prob_met_at_deadline");
        } else if (const int y = files[i].year_index(deadline); y >= 0) {
          p = r.numbers(group + "/prob_met").values.at(static_cast<std::size_t>(y));
        }
        if (row.description.empty() && r.has_attribute(group, "description"))
          row.description = r.text_attribute(group, "description");
        const std::string d = target_definition(r, group);
        if (seen && d != definition) row.definitions_differ = true;
        definition = d;
        seen = true;
      }
      row.prob_met.push_back(p);
      row.deadline.push_back(deadline);
    }
    out.targets.push_back(std::move(row));
  }
}

double binomial_se(double p, std::int64_t draws) {
  if (std::isnan(p) || draws <= 0) return kNaN;
  return std::sqrt(std::max(p * (1.0 - p), 0.0) / static_cast<double>(draws));
}

// The per-draw met flags of a target in the deadline year (results format 2.0,
// met_at_deadline_bits: draw d is bit d % 8 of byte d / 8); empty where the file lacks them.
std::vector<bool> met_flags(const ComparedResults& file, const std::string& target, std::int64_t draws) {
  const std::string dataset = "/targets/" + target + "/met_at_deadline_bits";
  if (!file.has(dataset) || draws <= 0) return {};
  const std::vector<double> bytes = file.reader->numbers(dataset).values;
  if (bytes.size() != static_cast<std::size_t>((draws + 7) / 8))
    throw InputError(file.reader->path() + ": damaged results file: " + dataset + " has " +
                     std::to_string(bytes.size()) + " bytes for " + std::to_string(draws) + " draws");
  for (const double byte : bytes)
    if (!(byte >= 0 && byte <= 255 && byte == std::floor(byte)))  // NaN and infinities included
      throw InputError(file.reader->path() + ": damaged results file: " + dataset + " holds " +
                       std::to_string(byte) + ", not a byte (0 to 255)");
  std::vector<bool> flags(static_cast<std::size_t>(draws));
  for (std::size_t d = 0; d < flags.size(); ++d)
    flags[d] = (static_cast<unsigned>(bytes[d / 8]) >> (d % 8)) & 1u;
  return flags;
}

// Mean and standard error of the per-draw differences b - a of two flag vectors.
std::pair<double, double> paired_flag_difference(const std::vector<bool>& a, const std::vector<bool>& b) {
  const auto n = static_cast<double>(a.size());
  double sum = 0, sum_squares = 0;
  for (std::size_t d = 0; d < a.size(); ++d) {
    const double x = static_cast<double>(b[d]) - static_cast<double>(a[d]);
    sum += x;
    sum_squares += x * x;
  }
  const double mean = sum / n;
  const double variance = n > 1 ? (sum_squares - n * mean * mean) / (n - 1) : kNaN;
  return {mean, std::sqrt(std::max(variance, 0.0) / n)};
}

void add_standard_errors(const std::vector<ComparedResults>& files, const Comparison& c, TargetRow& row) {
  const std::size_t n = files.size();
  row.se.assign(n, kNaN);
  row.difference.assign(n, kNaN);
  row.difference_se.assign(n, kNaN);
  row.difference_paired.assign(n, false);
  for (std::size_t i = 0; i < n; ++i) row.se[i] = binomial_se(row.prob_met[i], c.files[i].draws);
  const std::vector<bool> first = met_flags(files[0], row.id, c.files[0].draws);
  for (std::size_t i = 1; i < n; ++i) {
    row.difference[i] = row.prob_met[i] - row.prob_met[0];
    row.difference_se[i] = std::hypot(row.se[i], row.se[0]);
    if (!c.pairing[i].paired || first.empty()) continue;
    const std::vector<bool> other = met_flags(files[i], row.id, c.files[i].draws);
    if (other.size() != first.size()) continue;
    std::tie(row.difference[i], row.difference_se[i]) = paired_flag_difference(first, other);
    row.difference_paired[i] = true;
  }
}

// Said before anything else: a file that does not share A's random numbers, why, and how to
// rerun it paired (the same seed and draws) when its seed data allow it.
void warn_unpaired(const std::vector<ComparedResults>& files, Comparison& out) {
  const ComparedFile& a = out.files[0];
  for (std::size_t i = 1; i < files.size(); ++i) {
    if (out.pairing[i].paired) continue;
    const ComparedFile& b = out.files[i];
    const ResultsReader& r = *files[i].reader;
    const std::string scenario =
        r.has_attribute("/", "scenario_file") ? r.text_attribute("/", "scenario_file") : "SCENARIO.yaml";
    std::string text = b.label + " (" + b.path + ") does not share its random numbers with A (" +
                       out.pairing[i].explanation +
                       "): differences include Monte Carlo noise and carry unpaired standard errors.";
    if (out.pairing[i].explanation.find("different ") == std::string::npos) {
      text += " To compare them paired, rerun " + b.label + " with A's seed and draws: lissim run " + scenario +
              " --seed " + std::to_string(a.seed) + " --draws " + std::to_string(a.draws) + " -o NEW.h5";
    } else {
      text += " They cannot be paired by a rerun: their seed data differ.";
    }
    out.unpaired_warnings.push_back(text);
  }
}

void compare_indicators(const std::vector<ComparedResults>& files, Comparison& out) {
  std::vector<std::vector<std::string>> names;
  for (const auto& f : files) names.push_back(f.members_if_group("/scenario/indicators"));
  for (const auto& name : union_of(names, indicators_in_model_order())) {
    const std::string dataset = "/scenario/indicators/" + name + "/quantiles";
    std::vector<NumericArray> quantiles(files.size());
    std::string units;
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (!files[i].has(dataset)) continue;
      quantiles[i] = files[i].reader->numbers(dataset);
      if (quantiles[i].shape.size() != 2 || quantiles[i].cols() != files[i].years.size())
        throw InputError(files[i].reader->path() + ": damaged results file: " + dataset + " is not [quantile, year]");
      if (units.empty() && files[i].reader->has_attribute(dataset, "units"))
        units = files[i].reader->text_attribute(dataset, "units");
    }
    for (const int year : out.years) {
      IndicatorRow row{name, units, year, {}};
      for (std::size_t i = 0; i < files.size(); ++i) {
        const int y = files[i].year_index(year);
        Band band;
        if (!quantiles[i].values.empty() && y >= 0) {
          const auto col = static_cast<std::size_t>(y);
          band = Band{quantiles[i].at(files[i].q50, col), quantiles[i].at(files[i].q05, col),
                      quantiles[i].at(files[i].q95, col)};
        }
        row.per_file.push_back(band);
      }
      out.indicators.push_back(std::move(row));
    }
  }
}

// Paired indicator differences of file b against A; false if some indicator lacks per-draw values.
bool pair_indicators(const std::vector<ComparedResults>& files, std::size_t b, Comparison& out) {
  const ComparedResults& first = files[0];
  const ComparedResults& other = files[b];
  const auto directions = indicator_directions(*first.reader);
  bool complete = true;
  for (const auto& name :
       union_of({first.members_if_group("/scenario/indicators"), other.members_if_group("/scenario/indicators")},
                indicators_in_model_order())) {
    const std::string dataset = "/scenario/indicators/" + name + "/draws";
    if (!first.has(dataset) || !other.has(dataset)) {
      complete = false;
      continue;
    }
    for (const int year : out.years) {
      const int ya = first.year_index(year), yb = other.year_index(year);
      if (ya < 0 || yb < 0) continue;
      const auto a = first.reader->column(dataset, static_cast<std::size_t>(ya));
      const auto values = other.reader->column(dataset, static_cast<std::size_t>(yb));
      if (a.size() != values.size())
        throw InputError(other.reader->path() + ": " + dataset + " has " + std::to_string(values.size()) +
                         " draws, but " + first.reader->path() + " has " + std::to_string(a.size()));
      const Direction direction = indicator_direction(directions, name);
      out.paired.push_back(PairedRow{name, "", year, b, direction, paired_statistics(a, values, direction)});
    }
  }
  return complete;
}

}  // namespace

Comparison compare_results(const std::vector<std::string>& paths, const std::vector<int>& years) {
  if (paths.size() < 2)
    throw InputError("compare needs at least two results files, got " + std::to_string(paths.size()));
  // Every file is checked before anything is compared, so a bad one fails fast by name.
  std::vector<ComparedResults> files;
  for (const auto& path : paths) files.push_back(open_compared(path));

  Comparison out;
  for (std::size_t i = 0; i < files.size(); ++i) {
    out.files.push_back(describe(files[i], i));
    out.pairing.push_back(pair_runs(*files[0].reader, files[0].scenario, *files[i].reader, files[i].scenario));
  }
  out.years = chosen_years(files, out.files[0], years);
  compare_targets(files, out.files, out);
  for (auto& row : out.targets) add_standard_errors(files, out, row);
  warn_unpaired(files, out);
  compare_indicators(files, out);
  compare_appraisal(files, out);

  bool missing_draws = false;
  for (std::size_t b = 1; b < files.size(); ++b) {
    if (!out.pairing[b].paired) continue;
    missing_draws = !pair_indicators(files, b, out) || missing_draws;
    pair_appraisal(files, b, out);
  }
  std::stable_sort(out.paired.begin(), out.paired.end(), [](const PairedRow& x, const PairedRow& y) {
    return x.measure.empty() && !y.measure.empty();  // indicators first, then appraisal measures
  });
  for (std::size_t i = 0; i < files.size(); ++i)
    if (!out.appraisal.empty() && !files[i].reader->is_group("/interventions"))
      out.notes.push_back(out.files[i].label + " (" + out.files[i].path +
                          ") has no interventions: no appraisal to show.");
  if (missing_draws)
    out.notes.push_back("Paired indicator differences need per-draw values in both files: rerun with --keep-draws.");
  for (std::size_t i = 0; i < files.size(); ++i)
    for (const int year : out.years)
      if (files[i].year_index(year) < 0)
        out.notes.push_back(out.files[i].label + " (" + out.files[i].path + ") has no year " + std::to_string(year) +
                            "; its cells show -.");
  if (!out.targets.empty() && files.size() > 1)
    out.notes.push_back("Targets: ± is one Monte Carlo standard error, in percentage points; the difference's is "
                        "paired (from the draws' met flags) where the runs share their random numbers and the "
                        "files store the flags. ~ marks a difference within two standard errors: not "
                        "distinguishable from no difference.");
  if (std::any_of(out.targets.begin(), out.targets.end(), [](const TargetRow& t) { return t.definitions_differ; }))
    out.notes.push_back("* The target's definition (indicator, rule, threshold or deadline) differs between files.");
  return out;
}

}  // namespace lissim::sim
