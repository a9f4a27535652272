// lissim export FILE.h5 --csv DIR [--draws] [--force]
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "sim/cli/options.h"
#include "sim/errors.h"
#include "sim/io/results_reader.h"
#include "sim/report/results_export.h"
#include "sim/report/text_file.h"

namespace lissim::sim {
namespace {

namespace fs = std::filesystem;

po::options_description export_options() {
  po::options_description o("lissim export FILE.h5 --csv DIR [options]");
  o.add_options()
      ("csv", po::value<std::string>(), "folder to write the CSV files to (created if missing)")
      ("draws", po::bool_switch(), "results files: also every draw's values (parameters, appraisal, kept indicators)")
      ("force", po::bool_switch(), "replace an earlier export in the folder (its files not written again are removed)")
      ("quiet,q", po::bool_switch(), "print nothing but errors")
      ("help,h", po::bool_switch(), "show this help");
  return o;
}

void print_export_help() {
  std::cout << "Writes a lissim file as tidy (long) CSV files - one number per row - that pandas, R and\n"
               "Excel load without reshaping. A results file: indicators.csv, sectors.csv, targets.csv,\n"
               "metadata.csv and, with interventions, interventions.csv, appraisal.csv and vfm.csv; plus\n"
               "the resolved scenario as scenario.yaml; with --draws also parameters.csv,\n"
               "appraisal_draws.csv and (a run with --keep-draws) draws.csv. A sweep: points.csv,\n"
               "indicators.csv, targets.csv, interventions.csv, appraisal.csv, sweep.yaml, scenario.yaml.\n"
               "A Sobol or Morris file: indices.csv, factors.csv, outputs.csv, subject.yaml. A sensitivity\n"
               "file: coefficients.csv, outputs.csv. A backtest: scores.csv, regions.csv. Every export\n"
               "has metadata.csv. Numbers keep full precision; empty fields are undefined values (NA).\n\n"
            << export_options() << "\n";
}

// Refuses before writing anything, so a refused export leaves the folder as it was. Any
// file an export writes counts, not only this export's: an earlier export of another kind
// of file would otherwise leave its files beside the new ones.
void check_folder(const std::string& folder, bool force) {
  std::error_code ec;
  if (fs::exists(folder, ec) && !fs::is_directory(folder, ec))
    throw InputError(folder + ": exists and is not a folder; --csv needs a folder");
  if (force) return;
  std::string existing;
  for (const auto& name : export_file_names())
    if (fs::exists(fs::path(folder) / name, ec)) {
      if (!existing.empty()) existing += ", ";
      existing += name;
    }
  if (!existing.empty())
    throw InputError(folder + ": already holds " + existing + " of an earlier export; use --force to replace it");
}

// After a forced export: the files of the earlier export that this one did not write again.
void remove_stale(const std::string& folder, const std::vector<ExportedFile>& files) {
  for (const auto& name : export_file_names()) {
    if (std::any_of(files.begin(), files.end(), [&](const ExportedFile& f) { return f.name == name; })) continue;
    std::error_code ec;
    fs::remove(fs::path(folder) / name, ec);
    if (ec) throw IoError((fs::path(folder) / name).string() + ": cannot remove the earlier export's file: " + ec.message());
  }
}

}  // namespace

int export_command(const Arguments& args) {
  const po::variables_map vm = parse_command(args, export_options(), "file");
  if (vm["help"].as<bool>()) {
    print_export_help();
    return 0;
  }
  if (!vm.count("csv")) throw InputError("export needs --csv DIR, the folder to write to; see lissim help export");
  const std::string results = vm["file"].as<std::vector<std::string>>()[0];
  const std::string folder = vm["csv"].as<std::string>();
  const bool force = vm["force"].as<bool>();

  const ResultsReader reader(results, exported_file_kinds());
  const std::vector<ExportedFile> files = export_file(reader, vm["draws"].as<bool>());
  check_folder(folder, force);
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) throw IoError(folder + ": cannot create folder: " + ec.message());
  for (const auto& file : files) write_text_file((fs::path(folder) / file.name).string(), file.text, force);
  if (force) remove_stale(folder, files);
  if (!vm["quiet"].as<bool>()) {
    std::cout << "lissim export " << results << " -> " << folder << ":";
    for (const auto& file : files) std::cout << " " << file.name;
    std::cout << "\n";
  }
  return 0;
}

}  // namespace lissim::sim
