// Text and Markdown rendering of a Comparison: one table per section, each row one item in
// one file, differences always "file minus A".
#include <cmath>
#include <cstdio>

#include "sim/compare/comparison_report.h"
#include "sim/util/display_format.h"
#include "sim/util/text_table.h"

namespace lissim::sim {
namespace {

using Align = TextTable::Align;

class Printer {
 public:
  Printer(std::ostream& out, bool markdown) : out_(out), markdown_(markdown) {}

  void heading(const std::string& title) const {
    out_ << (markdown_ ? "\n## " : "\n") << title << "\n" << (markdown_ ? "\n" : "");
  }
  // A sentence: indented in a terminal, a bullet in Markdown (plain lines would run together).
  void line(const std::string& text) const {
    if (text.empty()) {
      out_ << "\n";
    } else {
      out_ << (markdown_ ? "- " : "  ") << text << "\n";
    }
  }
  void table(const TextTable& table) const {
    if (markdown_) {
      table.print_markdown(out_);
    } else {
      table.print_text(out_);
    }
  }
  bool markdown() const { return markdown_; }

 private:
  std::ostream& out_;
  bool markdown_;
};

// "13.6% ± 0.5": a probability or difference with its standard error in percentage points.
std::string with_se(const std::string& value, double se) {
  if (std::isnan(se) || value == "-") return value;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, " ± %.1f", 100.0 * se);
  return value + buffer;
}

void print_unpaired_warnings(const Printer& p, const Comparison& c) {
  if (c.unpaired_warnings.empty()) return;
  p.heading("Not paired: read the differences with their standard errors");
  for (const auto& warning : c.unpaired_warnings) p.line(warning);
}

std::string years_text(const ComparedFile& f) { return std::to_string(f.base_year) + "-" + std::to_string(f.horizon); }

void print_files(const Printer& p, const Comparison& c) {
  p.heading("Results files compared (differences are each file minus A)");
  TextTable table(
      {{"file"}, {"path"}, {"scenario"}, {"seed", Align::right}, {"draws", Align::right}, {"years"}, {"against A"}});
  for (std::size_t i = 0; i < c.files.size(); ++i) {
    const ComparedFile& f = c.files[i];
    const std::string against = i == 0 ? "-" : c.pairing[i].paired ? "paired" : "not paired";
    table.add(
        {f.label, f.path, f.scenario_name, std::to_string(f.seed), std::to_string(f.draws), years_text(f), against});
  }
  p.table(table);
  if (p.markdown()) p.line("");
  for (std::size_t i = 1; i < c.files.size(); ++i) {
    const std::string who = c.files[i].label + " vs A";
    if (c.pairing[i].paired) {
      p.line(who + ": paired (" + c.pairing[i].explanation + "); differences are also taken draw by draw.");
    } else {
      p.line(who + ": NOT paired (" + c.pairing[i].explanation +
             "); figures are unpaired - differences between the runs' summaries, not draw by draw.");
    }
  }
}

void print_targets(const Printer& p, const Comparison& c) {
  if (c.targets.empty()) return;
  p.heading("Targets: probability of being met at the deadline");
  std::vector<TextTable::Column> columns{{"target"}, {"deadline", Align::right}};
  for (const auto& f : c.files) columns.push_back({f.label, Align::right});
  for (std::size_t i = 1; i < c.files.size(); ++i) columns.push_back({c.files[i].label + " - A", Align::right});
  TextTable table(columns);
  for (const auto& t : c.targets) {
    int deadline = 0;
    for (const int d : t.deadline) deadline = deadline ? deadline : d;
    std::string name = t.id == "all" ? "all (jointly)" : t.id;
    if (t.definitions_differ) name += " *";
    std::vector<std::string> cells{name, deadline ? std::to_string(deadline) : "-"};
    for (std::size_t i = 0; i < c.files.size(); ++i) cells.push_back(with_se(display_percent(t.prob_met[i]), t.se[i]));
    for (std::size_t i = 1; i < c.files.size(); ++i) {
      std::string cell = with_se(display_pp(t.difference[i]), t.difference_se[i]);
      if (!std::isnan(t.difference[i]) && !t.distinguishable(i)) cell += " ~";
      cells.push_back(cell);
    }
    table.add(cells);
  }
  p.table(table);
}

void print_indicators(const Printer& p, const Comparison& c) {
  if (c.indicators.empty()) return;
  p.heading("Indicators (the scenario path, with any interventions): median [5%, 95%]");
  TextTable table({{"indicator"},
                   {"year", Align::right},
                   {"file"},
                   {"median [5%, 95%]", Align::right},
                   {"median - A", Align::right},
                   {"units"}});
  for (const auto& row : c.indicators) {
    for (std::size_t i = 0; i < row.per_file.size(); ++i) {
      const Band& band = row.per_file[i];
      const std::string difference = i == 0 ? "" : display_signed(band.median - row.per_file[0].median);
      table.add({row.name, std::to_string(row.year), c.files[i].label, display_band(band), difference, row.units});
    }
  }
  p.table(table);
}

std::string probability_better(const PairedRow& row) {
  // Equal in every draw: no draw is better. Without a direction or a defined draw, no share to give.
  if (row.stats.identical)
    return row.direction.better == Direction::Better::none || row.stats.draws == 0 ? "identical" : "0% (identical)";
  return display_percent(row.stats.prob_better);
}

void print_paired(const Printer& p, const Comparison& c, bool appraisal) {
  TextTable table({{appraisal ? "intervention" : "indicator"},
                   {appraisal ? "measure" : "year", Align::right},
                   {"file"},
                   {"file - A: median [5%, 95%]", Align::right},
                   {"P(better than A)", Align::right},
                   {"better is"},
                   {"draws", Align::right}});
  for (const auto& row : c.paired) {
    if (row.measure.empty() == appraisal) continue;
    table.add({row.item, appraisal ? row.measure : std::to_string(row.year), c.files[row.file].label,
               display_band(row.stats.difference, true), probability_better(row), row.direction.describe(),
               std::to_string(row.stats.draws)});
  }
  if (table.empty()) return;
  p.heading(appraisal ? "Paired appraisal differences, draw by draw (local view)"
                      : "Paired indicator differences, draw by draw");
  p.table(table);
}

void print_appraisal(const Printer& p, const Comparison& c) {
  if (c.appraisal.empty()) return;
  p.heading("Appraisal of interventions (local view): median [5%, 95%] over draws");
  std::vector<TextTable::Column> columns{{"intervention"},
                                         {"file"},
                                         {"NPV", Align::right},
                                         {"BCR", Align::right},
                                         {"cost per net job (median)", Align::right},
                                         {"P(BCR >= 1)", Align::right}};
  for (const auto& band : c.vfm_bands) columns.push_back({"P(" + band + ")", Align::right});
  TextTable table(columns);
  for (const auto& row : c.appraisal) {
    for (std::size_t i = 0; i < row.per_file.size(); ++i) {
      const AppraisalCell& cell = row.per_file[i];
      if (!cell.present) continue;  // a note says which files lack it
      std::vector<std::string> cells{row.intervention,
                                     c.files[i].label,
                                     display_band(cell.npv),
                                     display_band(cell.bcr),
                                     display_number(cell.cost_per_net_job_median),
                                     display_percent(cell.prob_bcr_at_least_one)};
      for (std::size_t b = 0; b < c.vfm_bands.size(); ++b)
        cells.push_back(b < cell.vfm.size() ? display_percent(cell.vfm[b]) : "-");
      table.add(cells);
    }
  }
  p.table(table);
  if (p.markdown()) p.line("");
  p.line("NPV in " + (c.npv_units.empty() ? std::string("GBP m") : c.npv_units) + "; cost per net job in " +
         (c.cost_per_net_job_units.empty() ? std::string("GBP per job") : c.cost_per_net_job_units) +
         "; P(band): probability of each value-for-money band of the BCR.");
}

void print_notes(const Printer& p, const Comparison& c) {
  if (c.notes.empty()) return;
  p.heading("Notes");
  for (const auto& note : c.notes) p.line(note);
}

}  // namespace

void print_comparison(std::ostream& out, const Comparison& comparison, ReportFormat format) {
  if (format == ReportFormat::csv) {
    comparison_csv(comparison).write(out);
    return;
  }
  const Printer p(out, format == ReportFormat::markdown);
  out << (p.markdown() ? "# " : "") << "lissim compare: " << comparison.files.size() << " results files\n";
  print_unpaired_warnings(p, comparison);
  print_files(p, comparison);
  print_targets(p, comparison);
  print_indicators(p, comparison);
  print_paired(p, comparison, false);
  print_appraisal(p, comparison);
  print_paired(p, comparison, true);
  print_notes(p, comparison);
}

}  // namespace lissim::sim
