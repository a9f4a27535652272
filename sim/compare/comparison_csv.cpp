// The tidy CSV form of a Comparison: one number per row, every row keyed by section, item,
// measure, year, file and statistic, so pandas / R / Excel can filter and pivot it.
#include "sim/compare/comparison_report.h"

namespace lissim::sim {
namespace {

struct Key {
  std::string section, item, measure, units, year, file;
};

void add(CsvTable& table, const Key& key, const std::string& statistic, const std::string& value,
         const std::string& note = "") {
  table.add({key.section, key.item, key.measure, key.units, key.year, key.file, statistic, value, note});
}

void add_paired(CsvTable& table, const Key& key, const PairedRow& row) {
  const std::string how = "better is " + row.direction.describe();
  add(table, key, "difference_q05", csv_number(row.stats.difference.lo), how);
  add(table, key, "difference_q50", csv_number(row.stats.difference.median), how);
  add(table, key, "difference_q95", csv_number(row.stats.difference.hi), how);
  add(table, key, "prob_better", csv_number(row.stats.prob_better), how);
  add(table, key, "identical", row.stats.identical ? "1" : "0", how);
  add(table, key, "draws", csv_integer(row.stats.draws), how);
}

}  // namespace

CsvTable comparison_csv(const Comparison& c) {
  CsvTable table({"section", "item", "measure", "units", "year", "file", "statistic", "value", "note"});
  for (std::size_t i = 0; i < c.files.size(); ++i) {
    const ComparedFile& f = c.files[i];
    const Key key{"file", f.path, "", "", "", f.label};
    add(table, key, "seed", csv_integer(f.seed), f.scenario_name);
    add(table, key, "draws", csv_integer(f.draws), f.scenario_name);
    add(table, key, "base_year", csv_integer(f.base_year), f.scenario_name);
    add(table, key, "horizon", csv_integer(f.horizon), f.scenario_name);
    add(table, key, "deadline", csv_integer(f.deadline), f.scenario_name);
    if (i > 0)
      add(table, Key{"pairing", f.path, "", "", "", f.label}, "paired", c.pairing[i].paired ? "1" : "0",
          c.pairing[i].explanation);
  }
  for (const auto& t : c.targets) {
    for (std::size_t i = 0; i < c.files.size(); ++i) {
      const Key key{"target", t.id, "", "1", t.deadline[i] ? std::to_string(t.deadline[i]) : "", c.files[i].label};
      const std::string note = t.definitions_differ ? "definition differs between files" : "";
      add(table, key, "prob_met", csv_number(t.prob_met[i]), note);
      add(table, key, "prob_met_se", csv_number(t.se[i]), "Monte Carlo standard error");
      if (i > 0) {
        const std::string how = t.difference_paired[i] ? "paired" : "unpaired";
        add(table, key, "prob_met_minus_A", csv_number(t.difference[i]), note.empty() ? how : note + "; " + how);
        add(table, key, "prob_met_minus_A_se", csv_number(t.difference_se[i]), how);
        add(table, key, "distinguishable", t.distinguishable(i) ? "1" : "0",
            "0: within two standard errors of no difference");
      }
    }
  }
  for (const auto& row : c.indicators) {
    for (std::size_t i = 0; i < c.files.size(); ++i) {
      const Key key{"indicator", row.name, "", row.units, std::to_string(row.year), c.files[i].label};
      add(table, key, "q05", csv_number(row.per_file[i].lo));
      add(table, key, "q50", csv_number(row.per_file[i].median));
      add(table, key, "q95", csv_number(row.per_file[i].hi));
      if (i > 0) add(table, key, "median_minus_A", csv_number(row.per_file[i].median - row.per_file[0].median));
    }
  }
  for (const auto& row : c.paired) {
    if (!row.measure.empty()) continue;
    std::string units;
    for (const auto& indicator : c.indicators)
      if (indicator.name == row.item) units = indicator.units;
    add_paired(table, Key{"paired_indicator", row.item, "", units, std::to_string(row.year), c.files[row.file].label},
               row);
  }
  for (const auto& row : c.appraisal) {
    for (std::size_t i = 0; i < c.files.size(); ++i) {
      const AppraisalCell& cell = row.per_file[i];
      if (!cell.present) continue;
      const std::string& label = c.files[i].label;
      const Key npv{"appraisal", row.intervention, "npv", c.npv_units, "", label};
      const Key bcr{"appraisal", row.intervention, "bcr", "1", "", label};
      for (const auto& [key, band] : {std::pair{npv, cell.npv}, std::pair{bcr, cell.bcr}}) {
        add(table, key, "q05", csv_number(band.lo));
        add(table, key, "q50", csv_number(band.median));
        add(table, key, "q95", csv_number(band.hi));
      }
      add(table, bcr, "prob_at_least_1", csv_number(cell.prob_bcr_at_least_one));
      add(table, Key{"appraisal", row.intervention, "cost_per_net_job", c.cost_per_net_job_units, "", label}, "q50",
          csv_number(cell.cost_per_net_job_median));
      for (std::size_t b = 0; b < cell.vfm.size() && b < c.vfm_bands.size(); ++b)
        add(table, Key{"appraisal", row.intervention, "vfm_band_probability", "1", "", label}, c.vfm_bands[b],
            csv_number(cell.vfm[b]));
    }
  }
  for (const auto& row : c.paired) {
    if (row.measure.empty()) continue;
    add_paired(table, Key{"paired_appraisal", row.item, row.measure, "", "", c.files[row.file].label}, row);
  }
  for (const auto& note : c.notes) add(table, Key{"note", "", "", "", "", ""}, "", "", note);
  return table;
}

}  // namespace lissim::sim
