#pragma once
// `lissim export`: any lissim file as tidy (long) CSV files - one number per row, keyed by
// the columns that name it - that pandas, R and Excel load without reshaping, plus the
// resolved scenario as scenario.yaml. Numbers keep full precision (csv_table.h), so every
// value reads back equal to the HDF5 dataset or attribute it came from.
#include <string>
#include <vector>

#include "sim/io/results_reader.h"
#include "sim/report/csv_table.h"

namespace lissim::sim {

struct ExportedFile {
  std::string name;  // file name inside the export folder
  std::string text;
};

// The kinds of file the export reads besides results files (their writers' filetype).
inline constexpr const char* kSweepFileKind = "lissim-sweep";
inline constexpr const char* kSobolFileKind = "lissim-sobol";
inline constexpr const char* kSensitivityFileKind = "lissim-sensitivity";
inline constexpr const char* kBacktestFileKind = "lissim-backtest";
const std::vector<std::string>& exported_file_kinds();  // lissim-results and the four above

// Every file the export of `file` writes, by its filetype (analysis_export.cpp), with the
// per-draw values of a results file when `draws`; built in memory first so a damaged file
// fails before anything is written.
std::vector<ExportedFile> export_file(const ResultsReader& file, bool draws);
// Every name an export may write: a re-export removes those it does not write again.
const std::vector<std::string>& export_file_names();

// A results file's summaries. interventions.csv, appraisal.csv and vfm.csv only when the
// file has /interventions.
std::vector<ExportedFile> export_results(const ResultsReader& file);
// Its per-draw values: parameters.csv, draws.csv (with --keep-draws), appraisal_draws.csv.
std::vector<ExportedFile> export_draws(const ResultsReader& file);

// The tables, one per CSV file (results_export_*.cpp).
CsvTable indicators_table(const ResultsReader& file);     // path, indicator, year, statistic, value, units
CsvTable sectors_table(const ResultsReader& file);        // path, measure, sector, year, statistic, value, units
CsvTable targets_table(const ResultsReader& file);        // target, year, prob_met, prob_met_counterfactual, ...
CsvTable interventions_table(const ResultsReader& file);  // intervention, view, measure, year, statistic, value, units
CsvTable appraisal_table(const ResultsReader& file);      // intervention, view, measure, statistic, value, units
CsvTable vfm_table(const ResultsReader& file);            // intervention, view, band, probability, bcr_from, bcr_to
CsvTable metadata_table(const ResultsReader& file);       // key, value (root attributes but scenario_yaml)
// key, value: the root attributes but `excluded` (long texts written to files of their own).
CsvTable metadata_table(const ResultsReader& file, const std::vector<std::string>& excluded);
// Scalars as they are; arrays as [a, b] so a spreadsheet keeps them as text.
std::string attribute_as_text(const AttributeValue& value);

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
