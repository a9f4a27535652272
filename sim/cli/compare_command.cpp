// lissim compare A.h5 B.h5 [C.h5 ...] [--format text|markdown|csv] [--years 2024,2030]
#include <iostream>

#include "sim/cli/options.h"
#include "sim/errors.h"
#include "sim/report/comparison_report.h"

namespace lissim::sim {
namespace {

po::options_description compare_options() {
  po::options_description o("lissim compare A.h5 B.h5 [C.h5 ...] [options]");
  o.add_options()
      ("format", po::value<std::string>()->default_value("text"),
       "text (aligned, for a terminal), markdown (tables for reports) or csv (tidy, one number per row)")
      ("years", po::value<std::string>(),
       "years to compare indicators at, comma-separated (default: A's deadline and horizon)")
      ("help,h", po::bool_switch(), "show this help");
  return o;
}

void print_compare_help() {
  std::cout << "Compares results files side by side, each against the first (A): the probability of\n"
               "meeting each target, indicators at chosen years (median, 90% band, difference of\n"
               "medians) and, with interventions, the appraisal. Runs with the same seed, draws and\n"
               "seed data share their random numbers; B - A is then also taken draw by draw (paired):\n"
               "for indicators when both runs used --keep-draws, for appraisal measures always.\n\n"
            << compare_options() << "\n";
}

ReportFormat parse_format(const std::string& text) {
  if (text == "text") return ReportFormat::text;
  if (text == "markdown" || text == "md") return ReportFormat::markdown;
  if (text == "csv") return ReportFormat::csv;
  throw InputError("--format: got '" + text + "', must be one of text, markdown, csv");
}

std::vector<int> parse_years(const std::string& text) {
  std::vector<int> years;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    std::string item = text.substr(start, end - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    std::size_t used = 0;
    int year = 0;
    try {
      year = std::stoi(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (item.empty() || used != item.size())
      throw InputError("--years: got '" + item + "' in '" + text + "', must be whole years separated by commas");
    years.push_back(year);
    start = end + 1;
  }
  return years;
}

}  // namespace

int compare_command(const Arguments& args) {
  po::options_description all;
  all.add(compare_options());
  all.add_options()("files", po::value<std::vector<std::string>>(), "");
  po::positional_options_description positional;
  positional.add("files", -1);
  po::variables_map vm;
  po::store(parse_command_line(args, all, positional), vm);
  po::notify(vm);
  if (vm["help"].as<bool>()) {
    print_compare_help();
    return 0;
  }
  const auto files = vm.count("files") ? vm["files"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (files.size() < 2)
    throw InputError("compare needs at least two results files, got " + std::to_string(files.size()) +
                     "; see lissim help compare");
  const ReportFormat format = parse_format(vm["format"].as<std::string>());
  const std::vector<int> years = vm.count("years") ? parse_years(vm["years"].as<std::string>()) : std::vector<int>{};
  const Comparison comparison = compare_results(files, years);
  print_comparison(std::cout, comparison, format);
  std::cout.flush();
  if (!std::cout) throw IoError("cannot write the comparison to standard output");
  return 0;
}

}  // namespace lissim::sim
