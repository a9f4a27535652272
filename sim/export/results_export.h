#pragma once
// `lissim export`: a results file as tidy (long) CSV files - one number per row, keyed by
// the columns that name it - that pandas, R and Excel load without reshaping, plus the
// resolved scenario as scenario.yaml. Numbers keep full precision (csv_table.h), so every
// value reads back equal to the HDF5 dataset or attribute it came from.
#include <string>
#include <vector>

#include "sim/io/results_reader.h"
#include "sim/util/csv_table.h"

namespace lissim::sim {

struct ExportedFile {
  std::string name;  // file name inside the export folder
  std::string text;
};

// Every file the export writes, built in memory first so a damaged results file fails
// before anything is written. interventions.csv, appraisal.csv and vfm.csv only when the
// file has /interventions.
std::vector<ExportedFile> export_results(const ResultsReader& file);

// The tables, one per CSV file (results_export_*.cpp).
CsvTable indicators_table(const ResultsReader& file);     // path, indicator, year, statistic, value, units
CsvTable sectors_table(const ResultsReader& file);        // path, measure, sector, year, statistic, value, units
CsvTable targets_table(const ResultsReader& file);        // target, year, prob_met, prob_met_counterfactual, ...
CsvTable interventions_table(const ResultsReader& file);  // intervention, view, measure, year, statistic, value, units
CsvTable appraisal_table(const ResultsReader& file);      // intervention, view, measure, statistic, value, units
CsvTable vfm_table(const ResultsReader& file);            // intervention, view, band, probability, bcr_from, bcr_to
CsvTable metadata_table(const ResultsReader& file);       // key, value (root attributes but scenario_yaml)

// Helpers shared by the table builders.
std::vector<int> file_years(const ResultsReader& file);
// q05, q10, ... from /quantile_levels.
std::vector<std::string> quantile_statistics(const ResultsReader& file);
// The ids of a group's member groups in the scenario's order, then by name, "all" last.
std::vector<std::string> ordered_ids(const ResultsReader& file, const std::string& group,
                                     const std::vector<std::string>& scenario_key_path);
std::string units_of(const ResultsReader& file, const std::string& object);

// The numbers of a summary group - quantiles [Q, Y], mean [Y], sd [Y] and, where written,
// defined_fraction [Y] - year by year, statistics in that order.
struct SummaryValue {
  int year;
  std::string statistic;
  double value;
};
std::vector<SummaryValue> summary_values(const ResultsReader& file, const std::string& group,
                                         const std::vector<int>& years, const std::vector<std::string>& quantiles);

}  // namespace lissim::sim
