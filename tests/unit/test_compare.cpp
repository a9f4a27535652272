// `lissim compare` end to end: the real binary on small runs of the tiny region written to a
// temporary folder. A file compared with itself shows no difference in any format; runs with
// different seeds are reported as unpaired; bad files are refused by name with exit code 2;
// the CSV form parses; and with interventions the paired jobs difference is the effect the
// run itself reports.
#include <hdf5.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "run_lissim.h"
#include "sim/io/results_reader.h"

using lissim::test::run_lissim;
using lissim::test::source_path;
namespace fs = std::filesystem;

namespace {

// A folder of runs shared by the tests, made once and removed at exit.
struct Runs {
  fs::path dir;
  std::string base, same_again, other_seed, kept, kept_copy;

  Runs() {
    dir = fs::temp_directory_path() / ("lissim_test_compare_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string scenario = source_path("tests/data/tiny_uncertain.yaml");
    base = run(scenario, "base.h5", "");
    same_again = run(scenario, "same_again.h5", "");
    other_seed = run(scenario, "other_seed.h5", "--seed 12");
    kept = run(scenario, "kept.h5", "--keep-draws");
    kept_copy = run(scenario, "kept_copy.h5", "--keep-draws");
  }
  ~Runs() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }

  std::string run(const std::string& scenario, const std::string& name, const std::string& extra) const {
    const std::string out = (dir / name).string();
    const auto result = run_lissim("run " + scenario + " -o " + out + " --draws 2000 -q " + extra);
    if (result.exit_code != 0) FAIL("lissim run failed: " << result.output);
    return out;
  }
  std::string path(const std::string& name) const { return (dir / name).string(); }
};

const Runs& runs() {
  static const Runs instance;
  return instance;
}

// RFC 4180 fields of one CSV text: rows of fields (quoted fields may hold commas and quotes).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n') {
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
    } else {
      field += c;
    }
  }
  REQUIRE_FALSE(quoted);
  REQUIRE(field.empty());  // the last line ends with a newline
  return rows;
}

// Only the standard output of a command (the CSV), with stderr discarded.
std::string stdout_of(const std::string& arguments) {
  const auto result = run_lissim(arguments + " 2>/dev/null");
  REQUIRE(result.exit_code == 0);
  return result.output;
}

struct CsvRows {
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
};

CsvRows compare_csv(const std::string& arguments) {
  const auto table = parse_csv(stdout_of("compare " + arguments + " --format csv"));
  REQUIRE(table.size() > 1);
  CsvRows out;
  out.header = table[0];
  for (std::size_t r = 1; r < table.size(); ++r) {
    INFO("row " << r);
    REQUIRE(table[r].size() == out.header.size());
    std::map<std::string, std::string> row;
    for (std::size_t c = 0; c < out.header.size(); ++c) row[out.header[c]] = table[r][c];
    out.rows.push_back(row);
  }
  return out;
}

bool is_difference(const std::string& statistic) {
  return statistic == "prob_met_minus_A" || statistic == "median_minus_A" || statistic.rfind("difference_", 0) == 0 ||
         statistic == "prob_better";
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// An HDF5 file that is not a lissim results file: its filetype attribute says something else.
void write_wrong_filetype(const std::string& path) {
  const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  REQUIRE(file >= 0);
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t attr = H5Acreate2(file, "filetype", type, space, H5P_DEFAULT, H5P_DEFAULT);
  const char* value = "openmc-statepoint";
  REQUIRE(H5Awrite(attr, type, &value) >= 0);
  H5Aclose(attr);
  H5Sclose(space);
  H5Tclose(type);
  H5Fclose(file);
}

}  // namespace

TEST_CASE("compare: a file compared with itself shows no difference in any format", "[compare][cli]") {
  for (const std::string& file : {runs().base, runs().kept}) {
    INFO(file);
    const auto text = run_lissim("compare " + file + " " + file);
    INFO(text.output);
    REQUIRE(text.exit_code == 0);
    CHECK(text.output.find("B vs A: paired") != std::string::npos);
    CHECK(text.output.find("NOT paired") == std::string::npos);
    CHECK(text.output.find(" 0 pp") != std::string::npos);
    for (const char* nonzero : {"+0.", "-0.", "+1", "-1", "+2", "-2", "+3", "-3"})
      CHECK(text.output.find(std::string(nonzero) + " pp") == std::string::npos);

    const auto markdown = run_lissim("compare " + file + " " + file + " --format markdown");
    REQUIRE(markdown.exit_code == 0);
    CHECK(markdown.output.rfind("# lissim compare", 0) == 0);
    CHECK(markdown.output.find("| target | deadline | A | B | B - A |") != std::string::npos);

    const CsvRows csv = compare_csv(file + " " + file);
    int differences = 0;
    for (const auto& row : csv.rows) {
      if (!is_difference(row.at("statistic"))) continue;
      INFO(row.at("section") << " " << row.at("item") << " " << row.at("statistic"));
      CHECK((row.at("value").empty() || row.at("value") == "0"));
      ++differences;
    }
    CHECK(differences >= 5 + 18 * 2);  // every target, every indicator at two years
  }
  // With per-draw values the paired differences are there, every one identical.
  const auto text = run_lissim("compare " + runs().kept + " " + runs().kept);
  CHECK(text.output.find("Paired indicator differences, draw by draw") != std::string::npos);
  CHECK(text.output.find("0% (identical)") != std::string::npos);
  CHECK(text.output.find("--keep-draws") == std::string::npos);
  const CsvRows csv = compare_csv(runs().kept + " " + runs().kept);
  int identical = 0;
  for (const auto& row : csv.rows) {
    if (row.at("statistic") != "identical") continue;
    CHECK(row.at("value") == "1");
    ++identical;
  }
  CHECK(identical == 18 * 2);  // every indicator at the deadline and the horizon
}

namespace {

// Where each of the tiny region's targets first appears in `text` from `from` on: their order there.
std::vector<std::size_t> target_positions(const std::string& text, const std::string& from) {
  const std::size_t start = text.find(from);
  REQUIRE(start != std::string::npos);
  std::vector<std::size_t> at;
  for (const char* id : {"more_jobs", "better_jobs", "employment_rate_gap", "productivity_gap"}) {
    at.push_back(text.find(std::string("  ") + id + " ", start));
    INFO(id << " after " << from);
    CHECK(at.back() != std::string::npos);
  }
  return at;
}

}  // namespace

TEST_CASE("the run's table and compare's tables list the targets in targets.yaml's order, not by id",
          "[compare][cli]") {
  // tests/data/tiny/targets.yaml lists more_jobs, better_jobs, employment_rate_gap,
  // productivity_gap: not alphabetical, so a table sorted by id would fail.
  const auto run = run_lissim("run " + source_path("tests/data/tiny_uncertain.yaml") + " -o " +
                              runs().path("in_order.h5") + " --draws 200");
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  const auto in_run = target_positions(run.output, "Probability of meeting each target");
  CHECK(std::is_sorted(in_run.begin(), in_run.end()));
  const auto compare = run_lissim("compare " + runs().base + " " + runs().other_seed);
  INFO(compare.output);
  REQUIRE(compare.exit_code == 0);
  const auto in_compare = target_positions(compare.output, "Targets: probability of being met");
  CHECK(std::is_sorted(in_compare.begin(), in_compare.end()));
}

TEST_CASE("compare: two runs of one scenario and seed are paired and without draws a note says --keep-draws",
          "[compare][cli]") {
  const auto result = run_lissim("compare " + runs().base + " " + runs().same_again);
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  CHECK(result.output.find("B vs A: paired") != std::string::npos);
  CHECK(result.output.find("rerun with --keep-draws") != std::string::npos);
  CHECK(result.output.find("Paired indicator differences, draw by draw") == std::string::npos);

  const auto kept = run_lissim("compare " + runs().kept + " " + runs().kept_copy + " --years 2016,2020,2022");
  INFO(kept.output);
  REQUIRE(kept.exit_code == 0);
  CHECK(kept.output.find("Paired indicator differences, draw by draw") != std::string::npos);
  CHECK(kept.output.find("higher (target more_jobs)") != std::string::npos);
  CHECK(kept.output.find("lower (target productivity_gap)") != std::string::npos);
  CHECK(kept.output.find("  2016  ") != std::string::npos);
}

TEST_CASE("compare: runs with different seeds are compared unpaired and say so", "[compare][cli]") {
  const auto result = run_lissim("compare " + runs().kept + " " + runs().other_seed);
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  CHECK(result.output.find("B vs A: NOT paired (seed 12 vs 11)") != std::string::npos);
  CHECK(result.output.find("unpaired") != std::string::npos);
  CHECK(result.output.find("Paired indicator differences, draw by draw") == std::string::npos);

  const CsvRows csv = compare_csv(runs().kept + " " + runs().other_seed);
  bool pairing_row = false, some_difference = false;
  for (const auto& row : csv.rows) {
    CHECK(row.at("section").rfind("paired_", 0) != 0);
    if (row.at("section") == "pairing") {
      pairing_row = true;
      CHECK(row.at("value") == "0");
      CHECK(row.at("note").find("seed 12 vs 11") != std::string::npos);
    }
    if (row.at("statistic") == "median_minus_A" && !row.at("value").empty() && row.at("value") != "0")
      some_difference = true;
  }
  CHECK(pairing_row);
  CHECK(some_difference);
}

TEST_CASE("compare: the CSV is tidy with one header and full-precision numbers", "[compare][cli]") {
  const CsvRows csv = compare_csv(runs().base + " " + runs().other_seed + " " + runs().base);
  CHECK(csv.header ==
        std::vector<std::string>{"section", "item", "measure", "units", "year", "file", "statistic", "value", "note"});
  std::map<std::string, int> sections;
  for (const auto& row : csv.rows) {
    ++sections[row.at("section")];
    const std::string& value = row.at("value");
    if (value.empty()) continue;
    char* end = nullptr;
    std::strtod(value.c_str(), &end);
    INFO(row.at("item") << " " << row.at("statistic") << " = " << value);
    CHECK(*end == '\0');
  }
  for (const char* section : {"file", "pairing", "target", "indicator"}) CHECK(sections[section] > 0);
  // The quantiles round-trip: the CSV median equals the file's dataset bit for bit.
  const lissim::sim::ResultsReader reader(runs().base);
  const auto quantiles = reader.numbers("/scenario/indicators/jobs_change/quantiles");
  for (const auto& row : csv.rows) {
    if (row.at("section") != "indicator" || row.at("item") != "jobs_change" || row.at("year") != "2020" ||
        row.at("file") != "A" || row.at("statistic") != "q50")
      continue;
    CHECK(std::strtod(row.at("value").c_str(), nullptr) == quantiles.at(3, 2020 - 2014));
  }
}

TEST_CASE("compare and export refuse bad results files by name with exit code 2", "[compare][cli]") {
  const std::string text_file = runs().path("notes.h5");
  write_bytes(text_file, "These are my notes, not a results file.\n");
  const std::string truncated = runs().path("truncated.h5");
  const std::string whole = read_bytes(runs().base);
  write_bytes(truncated, whole.substr(0, whole.size() / 3));
  const std::string wrong_type = runs().path("wrong_filetype.h5");
  write_wrong_filetype(wrong_type);
  const std::string missing = runs().path("never_written.h5");

  const std::pair<std::string, const char*> cases[] = {{text_file, "not an HDF5 file"},
                                                       {truncated, "damaged or truncated"},
                                                       {wrong_type, "filetype is 'openmc-statepoint'"},
                                                       {missing, "no such file"}};
  for (const auto& [file, reason] : cases) {
    for (const std::string& command : {"compare " + runs().base + " " + file, "compare " + file + " " + runs().base,
                                       "export " + file + " --csv " + runs().path("never_exported")}) {
      INFO(command);
      const auto result = run_lissim(command);
      INFO(result.output);
      CHECK(result.exit_code == 2);
      CHECK(result.output.find(file + ": ") != std::string::npos);
      CHECK(result.output.find(reason) != std::string::npos);
      CHECK(result.output.find("HDF5-DIAG") == std::string::npos);
      CHECK(result.output.find("internal error") == std::string::npos);
    }
  }
  CHECK_FALSE(fs::exists(runs().path("never_exported")));
}

TEST_CASE("compare and export: usage errors exit 2 and help exits 0", "[compare][cli]") {
  CHECK(run_lissim("compare " + runs().base).exit_code == 2);
  CHECK(run_lissim("compare " + runs().base + " " + runs().base + " --format xml").exit_code == 2);
  CHECK(run_lissim("compare " + runs().base + " " + runs().base + " --years 2020,soon").exit_code == 2);
  const auto far = run_lissim("compare " + runs().base + " " + runs().base + " --years 2099");
  CHECK(far.exit_code == 2);
  CHECK(far.output.find("2099") != std::string::npos);
  CHECK(run_lissim("export " + runs().base).exit_code == 2);
  for (const char* command : {"compare", "export"}) {
    const auto help = run_lissim(std::string("help ") + command);
    CHECK(help.exit_code == 0);
    CHECK(help.output.find(std::string("lissim ") + command) != std::string::npos);
  }
}

TEST_CASE("compare: with a deterministic intervention the paired jobs difference is the package effect",
          "[compare][cli][interventions]") {
  // tiny_interventions is tiny_deterministic (same seed data, seed and draws) plus two
  // interventions: the two runs share their random numbers, so B - A draw by draw is the
  // package's effect.
  const std::string without =
      runs().run(source_path("tests/data/tiny_deterministic.yaml"), "without.h5", "--keep-draws");
  const std::string with = runs().run(source_path("tests/data/tiny_interventions.yaml"), "with.h5", "--keep-draws");
  const lissim::sim::ResultsReader file(with);
  std::vector<int> years;
  for (const double y : file.numbers("/years").values) years.push_back(static_cast<int>(y));
  std::string year_list;
  for (const int y : years) {
    if (!year_list.empty()) year_list += ',';
    year_list += std::to_string(y);
  }

  const auto text = run_lissim("compare " + without + " " + with + " --years " + year_list);
  INFO(text.output);
  REQUIRE(text.exit_code == 0);
  CHECK(text.output.find("B vs A: paired") != std::string::npos);
  CHECK(text.output.find("Appraisal of interventions") != std::string::npos);
  CHECK(text.output.find("has no interventions") != std::string::npos);

  const auto effect = file.numbers("/effect/indicators/jobs/quantiles");
  const auto net_jobs = file.numbers("/interventions/all/net_additional_jobs/quantiles");
  int checked = 0;
  for (const auto& row : compare_csv(without + " " + with + " --years " + year_list).rows) {
    if (row.at("section") != "paired_indicator" || row.at("item") != "jobs") continue;
    const std::size_t y = static_cast<std::size_t>(std::stoi(row.at("year")) - years.front());
    const double value = std::strtod(row.at("value").c_str(), nullptr);
    const std::string& statistic = row.at("statistic");
    const std::size_t q = statistic == "difference_q05" ? 0 : statistic == "difference_q50" ? 3 : 6;
    if (statistic.rfind("difference_q", 0) != 0) continue;
    INFO("year " << years[y] << " " << statistic);
    // Exactly the run's own scenario-minus-counterfactual, draw by draw ...
    CHECK(value == effect.at(q, y));
    // ... which is the package's net additional jobs, up to rounding of (J0 + A) - J0.
    CHECK(value == Approx(net_jobs.at(q, y)).epsilon(1e-12).margin(1e-9));
    ++checked;
  }
  CHECK(checked == 3 * static_cast<int>(years.size()));
  // Some year has a real effect, so the check above is not vacuous.
  double peak = 0;
  for (std::size_t y = 0; y < years.size(); ++y) peak = std::max(peak, net_jobs.at(3, y));
  CHECK(peak > 1);
}

namespace {

// The per-draw met flags of a target in the deadline year, unpacked (draw d: bit d % 8 of byte d / 8).
std::vector<int> met_flags(const std::string& path, const std::string& dataset) {
  const lissim::sim::ResultsReader reader(path);
  const auto bytes = reader.numbers(dataset).values;
  std::vector<int> flags;
  for (std::size_t d = 0; d < 8 * bytes.size(); ++d) flags.push_back((static_cast<unsigned>(bytes[d / 8]) >> (d % 8)) & 1u);
  return flags;
}

std::string csv_value(const CsvRows& csv, const std::string& item, const std::string& file,
                      const std::string& statistic) {
  for (const auto& row : csv.rows)
    if (row.at("section") == "target" && row.at("item") == item && row.at("file") == file &&
        row.at("statistic") == statistic)
      return row.at("value");
  FAIL("no CSV row " << item << " " << file << " " << statistic);
  return "";
}

}  // namespace

TEST_CASE("run stores each draw's target flags in the deadline year as bits; their mean is P(met)",
          "[compare][results]") {
  const lissim::sim::ResultsReader reader(runs().base);
  for (const char* target : {"more_jobs", "productivity_gap", "all"}) {
    const std::string group = std::string("/targets/") + target;
    const auto flags = met_flags(runs().base, group + "/met_at_deadline_bits");
    REQUIRE(flags.size() == 2000);  // 250 bytes for 2000 draws
    double met = 0;
    for (const int f : flags) met += f;
    INFO(target);
    CHECK(met / 2000.0 == reader.real_attribute(group, "prob_met_at_deadline"));
    // Without interventions the counterfactual's flags are the scenario's.
    CHECK(met_flags(runs().base, group + "/met_at_deadline_bits_counterfactual") == flags);
  }
}

TEST_CASE("compare: standard errors, paired from the flags; unpaired runs said first with the rerun command",
          "[compare][cli]") {
  // Paired runs of the same scenario: every draw agrees, so the difference and its standard
  // error are exactly 0 and the difference is not distinguishable from none.
  const CsvRows same = compare_csv(runs().base + " " + runs().same_again);
  CHECK(csv_value(same, "more_jobs", "B", "prob_met_minus_A") == "0");
  CHECK(csv_value(same, "more_jobs", "B", "prob_met_minus_A_se") == "0");
  CHECK(csv_value(same, "more_jobs", "B", "distinguishable") == "0");
  const double p = std::strtod(csv_value(same, "more_jobs", "A", "prob_met").c_str(), nullptr);
  CHECK(std::strtod(csv_value(same, "more_jobs", "A", "prob_met_se").c_str(), nullptr) ==
        Approx(std::sqrt(p * (1 - p) / 2000)).epsilon(1e-12));

  // Unpaired: sqrt(se_A^2 + se_B^2), and the warning comes before everything else.
  const CsvRows other = compare_csv(runs().base + " " + runs().other_seed);
  const double pa = std::strtod(csv_value(other, "more_jobs", "A", "prob_met").c_str(), nullptr);
  const double pb = std::strtod(csv_value(other, "more_jobs", "B", "prob_met").c_str(), nullptr);
  CHECK(std::strtod(csv_value(other, "more_jobs", "B", "prob_met_minus_A_se").c_str(), nullptr) ==
        Approx(std::sqrt(pa * (1 - pa) / 2000 + pb * (1 - pb) / 2000)).epsilon(1e-12));
  const auto text = run_lissim("compare " + runs().base + " " + runs().other_seed);
  INFO(text.output);
  REQUIRE(text.exit_code == 0);
  const auto warning = text.output.find("does not share its random numbers with A");
  REQUIRE(warning != std::string::npos);
  CHECK(warning < text.output.find("Results files compared"));
  CHECK(text.output.find("--seed 11 --draws 2000") != std::string::npos);
  CHECK(text.output.find(" ± ") != std::string::npos);

  // With interventions, the paired standard error is the flags' draw-by-draw one.
  const std::string without = runs().run(source_path("tests/data/tiny_uncertain.yaml"), "u_without.h5", "");
  const std::string with = runs().run(source_path("tests/data/tiny_uncertain_interventions.yaml"), "u_with.h5", "");
  const CsvRows paired = compare_csv(without + " " + with);
  for (const char* target : {"more_jobs", "productivity_gap"}) {
    const std::string group = std::string("/targets/") + target + "/met_at_deadline_bits";
    const auto a = met_flags(without, group), b = met_flags(with, group);
    double sum = 0, squares = 0;
    for (std::size_t d = 0; d < 2000; ++d) {
      const double x = b[d] - a[d];
      sum += x;
      squares += x * x;
    }
    const double mean = sum / 2000, se = std::sqrt((squares - 2000 * mean * mean) / 1999 / 2000);
    INFO(target);
    CHECK(std::strtod(csv_value(paired, target, "B", "prob_met_minus_A").c_str(), nullptr) == Approx(mean).margin(1e-15));
    CHECK(std::strtod(csv_value(paired, target, "B", "prob_met_minus_A_se").c_str(), nullptr) ==
          Approx(se).margin(1e-15));
  }
}

TEST_CASE("compare: CSV numbers in the shortest exact form, text with thousands separators", "[compare][cli]") {
  const CsvRows csv = compare_csv(runs().base + " " + runs().base);
  int checked = 0;
  for (const auto& row : csv.rows) {
    const std::string& value = row.at("value");
    if (value.empty() || value == "Inf" || value == "-Inf") continue;
    INFO(value);
    const double x = std::strtod(value.c_str(), nullptr);
    // The fewest significant digits that give x back (%.17g would write 0.13300000000000001)...
    int fewest = 1;
    for (; fewest < 17; ++fewest) {
      char buffer[40];
      std::snprintf(buffer, sizeof buffer, "%.*g", fewest, x);
      if (std::strtod(buffer, nullptr) == x) break;
    }
    // ... are the digits written (leading zeros and the exponent do not count).
    std::string mantissa = value.substr(0, value.find_first_of("eE"));
    int digits = 0;
    bool leading = true;
    for (const char c : mantissa) {
      if (c < '0' || c > '9') continue;
      if (leading && c == '0') continue;
      leading = false;
      ++digits;
    }
    while (digits > 1 && mantissa.find('.') == std::string::npos && !mantissa.empty() && mantissa.back() == '0') {
      mantissa.pop_back();  // trailing zeros of an integer are not significant
      --digits;
    }
    CHECK(std::max(digits, 1) == fewest);
    CHECK(value.find(',') == std::string::npos);
    ++checked;
  }
  CHECK(checked > 50);
  const auto text = run_lissim("compare " + runs().base + " " + runs().base);
  REQUIRE(text.exit_code == 0);
  CHECK(text.output.find("e-0") == std::string::npos);
  CHECK(text.output.find("e+0") == std::string::npos);
}
