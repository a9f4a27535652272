// lissim export RESULTS.h5 --csv DIR [--force]
#include <filesystem>
#include <iostream>

#include "sim/cli/options.h"
#include "sim/errors.h"
#include "sim/export/results_export.h"
#include "sim/io/results_reader.h"
#include "sim/io/text_file.h"

namespace lissim::sim {
namespace {

namespace fs = std::filesystem;

po::options_description export_options() {
  po::options_description o("lissim export RESULTS.h5 --csv DIR [options]");
  o.add_options()
      ("csv", po::value<std::string>(), "folder to write the CSV files to (created if missing)")
      ("force", po::bool_switch(), "overwrite files of an earlier export in the folder")
      ("quiet,q", po::bool_switch(), "print nothing but errors")
      ("help,h", po::bool_switch(), "show this help");
  return o;
}

void print_export_help() {
  std::cout << "Writes a results file's summaries as tidy (long) CSV files - one number per row - that\n"
               "pandas, R and Excel load without reshaping: indicators.csv, sectors.csv, targets.csv,\n"
               "metadata.csv and, with interventions, interventions.csv, appraisal.csv and vfm.csv;\n"
               "plus the resolved scenario as scenario.yaml. Numbers keep full precision; empty fields\n"
               "are undefined values (NA).\n\n"
            << export_options() << "\n";
}

// Refuses before writing anything, so a refused export leaves the folder as it was.
void check_folder(const std::string& folder, const std::vector<ExportedFile>& files, bool force) {
  std::error_code ec;
  if (fs::exists(folder, ec) && !fs::is_directory(folder, ec))
    throw InputError(folder + ": exists and is not a folder; --csv needs a folder");
  if (force) return;
  std::string existing;
  for (const auto& file : files)
    if (fs::exists(fs::path(folder) / file.name, ec)) {
      if (!existing.empty()) existing += ", ";
      existing += file.name;
    }
  if (!existing.empty())
    throw InputError(folder + ": already holds " + existing + "; use --force to overwrite");
}

}  // namespace

int export_command(const Arguments& args) {
  const po::variables_map vm = parse_command(args, export_options(), "results");
  if (vm["help"].as<bool>()) {
    print_export_help();
    return 0;
  }
  if (!vm.count("csv")) throw InputError("export needs --csv DIR, the folder to write to; see lissim help export");
  const std::string results = vm["results"].as<std::vector<std::string>>()[0];
  const std::string folder = vm["csv"].as<std::string>();
  const bool force = vm["force"].as<bool>();

  const ResultsReader reader(results);
  const std::vector<ExportedFile> files = export_results(reader);
  check_folder(folder, files, force);
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) throw IoError(folder + ": cannot create folder: " + ec.message());
  for (const auto& file : files) write_text_file((fs::path(folder) / file.name).string(), file.text, force);
  if (!vm["quiet"].as<bool>()) {
    std::cout << "lissim export " << results << " -> " << folder << ":";
    for (const auto& file : files) std::cout << " " << file.name;
    std::cout << "\n";
  }
  return 0;
}

}  // namespace lissim::sim
