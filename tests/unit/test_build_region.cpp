// lissim build-region on the tiny test panel (tests/data/panel_tiny, made-up numbers written by
// its make_panel.py): a region built from the panel equals the panel's data in the base year,
// for a set of ITL3 areas and for an ITL2 code, and bad input is an error naming what is wrong.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>

#include "run_lissim.h"
#include "sim/config/scenario_loader.h"
#include "sim/errors.h"
#include "sim/region/region_builder.h"
#include "sim/region/sector_trends.h"

namespace fs = std::filesystem;
using lissim::test::run_lissim;
using lissim::test::source_path;

namespace {

const std::string kPanel = source_path("tests/data/panel_tiny");
const std::string kRegionFile = source_path("tests/data/panel_tiny/region.yaml");

// The panel's 2014 numbers (make_panel.py).
constexpr double kJobs = 100000 + 50000;                                   // TLC11 + TLC12
constexpr double kHours = 3000000 + 1600000;                               // a week
constexpr double kGvaPerHour = (25.0 * 3000000 + 30.0 * 1600000) / kHours;  // hours-weighted
constexpr double kBresAlpha = (500 + 100 + 9000 + 4000) + (200 + 0 + 3000 + 2000);  // A, B, C, F
constexpr double kBresBeta = (12000 + 3000 + 1400) + (6000 + 2500 + 300);          // G, J, L
constexpr double kGvaAlpha = (100 + 900 + 300) + (50 + 300 + 200);                 // AB, C, F
constexpr double kGvaBeta = (700 + 200 + 150) + (500 + 300 + 100);                 // G, J, 68
// England excluding London: ITL1 TLC-TLK without TLI, hours-weighted.
double comparator_gva_per_hour() {
  const double h[] = {7e6, 1.8e6, 30e6, 27e6, 33e6, 36e6, 45e6, 30e6};
  const double p[] = {27.2, 27.0, 29.0, 30.0, 29.5, 31.0, 33.0, 30.5};
  double gva = 0, hours = 0;
  for (int i = 0; i < 8; ++i) gva += p[i] * h[i], hours += h[i];
  return gva / hours;
}

lissim::sim::BuiltRegion build(const std::string& codes) {
  const auto panel = lissim::sim::Panel::read(kPanel);
  return lissim::sim::build_region(panel, lissim::sim::parse_region(panel, codes), 2014,
                                   lissim::sim::read_region_file(kRegionFile));
}

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / ("lissim_test_build_region_" + name + "_" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The tiny region file with one piece of text replaced.
std::string region_file_with(const TempDir& dir, const std::string& from, const std::string& to) {
  std::string text = read_text(kRegionFile);
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  const fs::path path = dir.path / "region.yaml";
  std::ofstream(path) << text;
  return path.string();
}

std::string build_command(const std::string& codes, int year, const std::string& region_file, const fs::path& out) {
  return "build-region --panel " + kPanel + " --region " + codes + " --base-year " + std::to_string(year) +
         " --region-file " + region_file + " -o " + out.string() + " -q";
}

}  // namespace

TEST_CASE("build-region: a set of ITL3 areas equals the panel in the base year", "[region]") {
  const auto b = build("TLC11,TLC12");
  REQUIRE(b.sectors.size() == 2);
  const auto& alpha = b.sectors[0];
  const auto& beta = b.sectors[1];
  // Jobs: the sum of the areas' filled jobs, split by BRES employee shares.
  CHECK(b.filled_jobs == Approx(kJobs).epsilon(1e-12));
  CHECK(alpha.jobs + beta.jobs == Approx(kJobs).epsilon(1e-12));
  CHECK(alpha.jobs == Approx(kJobs * kBresAlpha / (kBresAlpha + kBresBeta)).margin(0.005));
  // Hours: the pattern 40 : 30 h/week scaled so the sectors' hours are the panel's.
  const double hours = alpha.jobs * alpha.hours_per_job + beta.jobs * beta.hours_per_job;
  CHECK(hours == Approx(kHours * 52).epsilon(1e-4));  // hours per job are written to 0.1 h
  const double scale = kHours / (40 * alpha.jobs + 30 * beta.jobs);
  CHECK(alpha.hours_per_job == Approx(40 * scale * 52).margin(0.05));
  // GVA per hour: the hours-weighted panel figure, split by the industries' GVA shares.
  CHECK(b.gva_per_hour == Approx(kGvaPerHour).epsilon(1e-12));
  const double gva_alpha = alpha.gva_per_hour * alpha.jobs * alpha.hours_per_job;
  const double gva_beta = beta.gva_per_hour * beta.jobs * beta.hours_per_job;
  CHECK((gva_alpha + gva_beta) / hours == Approx(kGvaPerHour).epsilon(1e-12));
  CHECK(gva_alpha / (gva_alpha + gva_beta) == Approx(kGvaAlpha / (kGvaAlpha + kGvaBeta)).epsilon(1e-12));
  CHECK(b.industry_coverage == Approx(1.0).epsilon(1e-12));
  // Comparator and the region file's figures.
  CHECK(b.comparator_gva_per_hour == Approx(comparator_gva_per_hour()).epsilon(1e-12));
  CHECK(b.private_density == Approx((0.8 * alpha.jobs + 0.5 * beta.jobs) / 250000).epsilon(1e-12));
  CHECK(alpha.better_jobs_share == 0.3);  // no better_jobs_share_total: the file's shares as they are
  // History: the panel's series up to the base year, ending at the base-year values.
  REQUIRE(b.history.size() == 4 + 1 + 2);
  const auto& jobs = b.history[0];
  CHECK(jobs.id == "filled_jobs");
  CHECK(jobs.years == std::vector<int>{2010, 2011, 2012, 2013, 2014});
  CHECK(jobs.region.back() == Approx(kJobs));
  CHECK(jobs.comparator.back() == Approx(230000 + 60000 + 1000000 + 900000 + 1100000 + 1200000 + 1500000 + 1000000));
  CHECK(jobs.uk.back() == 9000000);
  const auto& real = b.history[3];
  CHECK(real.id == "gva_per_hour_real");
  CHECK(real.region.back() == Approx(kGvaPerHour).epsilon(1e-12));  // base-year prices: the current level
  CHECK(real.uk.back() == Approx(32.0));
  const auto& sector_gva = b.history[5];
  CHECK(sector_gva.sector == "alpha");
  CHECK(sector_gva.years == std::vector<int>{2012, 2013, 2014});
  CHECK(sector_gva.region.back() == Approx(kGvaAlpha));
  CHECK(sector_gva.region.front() == Approx(kGvaAlpha * 0.96));
}

TEST_CASE("build-region: an ITL2 code takes the ITL2 area's published figures", "[region]") {
  const auto b = build("TLC1");
  CHECK(b.region.level == "ITL2");
  CHECK(b.filled_jobs == Approx(150000));
  CHECK(b.gva_per_hour == 26.74);  // as published for TLC1, not the children's 26.739
  const auto& alpha = b.sectors[0];
  CHECK(alpha.jobs == Approx(kJobs * kBresAlpha / (kBresAlpha + kBresBeta)).margin(0.005));  // BRES of TLC11, TLC12
  const double hours = alpha.jobs * alpha.hours_per_job + b.sectors[1].jobs * b.sectors[1].hours_per_job;
  const double gva = alpha.gva_per_hour * alpha.jobs * alpha.hours_per_job +
                     b.sectors[1].gva_per_hour * b.sectors[1].jobs * b.sectors[1].hours_per_job;
  CHECK(gva / hours == Approx(26.74).epsilon(1e-12));
}

TEST_CASE("build-region: the written seed data load and keep the panel's totals", "[region]") {
  TempDir dir("written");
  const fs::path seeds = dir.path / "seeds";
  const auto result = run_lissim(build_command("TLC11,TLC12", 2014, kRegionFile, seeds));
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  CHECK(fs::exists(seeds / "panel_calibration.yaml"));
  CHECK(read_text(seeds / "panel_calibration.yaml").find("filetype: lissim-calibration") != std::string::npos);
  // The folder is complete: build-region wrote its calibration and targets too.
  std::ofstream(dir.path / "scenario.yaml") << "name: built\nseed_data: seeds\nhorizon: 2026\ndraws: 10\nseed: 1\n";
  const auto s = lissim::sim::load_scenario((dir.path / "scenario.yaml").string());
  const auto jobs = s.baseline.sectors.jobs.array();
  const auto hours_per_job = s.baseline.sectors.hours_per_job.array();
  CHECK(jobs.sum() == Approx(kJobs).epsilon(1e-12));
  const double hours = (jobs * hours_per_job).sum();
  CHECK((jobs * hours_per_job * s.baseline.sectors.gva_per_hour.array()).sum() / hours ==
        Approx(kGvaPerHour).epsilon(1e-6));  // GVA per hour is written to 4 decimals
  CHECK(s.baseline.comparator.gva_per_hour == Approx(comparator_gva_per_hour()).epsilon(1e-5));
  CHECK(s.sep_jobs_per_filled_job == Approx(145000 / kJobs).epsilon(1e-6));
  REQUIRE(s.history.size() == 7);
  CHECK(s.history[0].region.back() == Approx(kJobs));
  CHECK(run_lissim("validate " + (dir.path / "scenario.yaml").string()).exit_code == 0);

  // calibration.yaml: the national central path is the UK panel's mean growth over the years to
  // the base year (2010-2014 in the tiny panel), the region's sigma the panel calibration's.
  REQUIRE(s.national_path.jobs_growth.size() == 12);  // 2015-2026
  CHECK(s.national_path.jobs_growth.back() == Approx(std::log(9000000.0 / 8570880.0) / 4).epsilon(1e-3));
  const std::string calibration = read_text(seeds / "calibration.yaml");
  CHECK(calibration.find("sigma_pct: {dist: normal, mean: ") != std::string::npos);
  // targets.yaml: the four gap targets, the deadline ten years on (a marked default).
  CHECK(s.deadline == 2024);
  REQUIRE(s.targets.size() == 4);
  CHECK(s.targets[0].id == "employment_rate_gap");
  CHECK(s.targets[3].id == "productivity_gap");
  CHECK(s.targets[3].rule == lissim::models::TargetRule::reduce_by);
  CHECK(s.targets[3].threshold == 0.5);
  const auto run = run_lissim("run " + (dir.path / "scenario.yaml").string() + " -o " +
                              (dir.path / "built.h5").string() + " -q");
  INFO(run.output);
  CHECK(run.exit_code == 0);

  // The folder's own calibration and targets are kept by a rebuild with --force.
  std::ofstream(seeds / "targets.yaml", std::ios::app) << "# edited by hand\n";
  const auto rebuilt = run_lissim(build_command("TLC11,TLC12", 2014, kRegionFile, seeds) + " --force");
  CHECK(rebuilt.exit_code == 0);
  CHECK(read_text(seeds / "targets.yaml").find("# edited by hand") != std::string::npos);
  CHECK(read_text(seeds / "calibration.yaml") == calibration);
}

TEST_CASE("build-region: bad input is an error naming it, and nothing is written", "[region]") {
  TempDir dir("bad");
  const fs::path out = dir.path / "out";
  const auto expect_error = [&](const std::string& command, const std::string& message) {
    const auto result = run_lissim(command);
    INFO(command << "\n" << result.output);
    CHECK(result.exit_code == 2);
    CHECK(result.output.find(message) != std::string::npos);
    CHECK_FALSE(fs::exists(out));
  };
  SECTION("a missing region-file key") {
    const auto file = region_file_with(dir, "  employment_rate_pct: {value: 60, source: test fixture}\n", "");
    expect_error(build_command("TLC11,TLC12", 2014, file, out), "region.yaml:9:3: error: region_baseline.employment_rate_pct: missing key 'employment_rate_pct'");
  }
  SECTION("a figure without its source") {
    const auto file = region_file_with(dir, "{value: 250000, source: test fixture}", "{value: 250000}");
    expect_error(build_command("TLC11,TLC12", 2014, file, out), "region_baseline.working_age_population.source: missing key 'source'");
  }
  SECTION("an unknown code") {
    expect_error(build_command("TLC11,TLC99", 2014, kRegionFile, out), "no area with code 'TLC99'");
  }
  SECTION("a base year outside the panel") {
    expect_error(build_command("TLC11,TLC12", 2016, kRegionFile, out), "base year 2016 is outside the panel");
    expect_error(build_command("TLC11,TLC12", 2009, kRegionFile, out), "base year 2009 is outside the panel");
  }
  SECTION("a region file for another base year") {
    const auto file = region_file_with(dir, "base_year: 2014", "base_year: 2013");
    expect_error(build_command("TLC11,TLC12", 2014, file, out), "base_year: got 2013, but --base-year is 2014");
  }
  SECTION("a region file for other areas") {
    const auto file = region_file_with(dir, "base_year: 2014", "base_year: 2014\ncodes: [TLC21]");
    expect_error(build_command("TLC11,TLC12", 2014, file, out), "codes: got [TLC21]");
  }
  SECTION("a section split that does not add up") {
    const auto file = region_file_with(dir, "jobs_sections: [A, B, C, F]", "jobs_sections: {A: 1, B: 1, C: 0.5, F: 1}");
    expect_error(build_command("TLC11,TLC12", 2014, file, out), "jobs_sections C: the sectors' shares add up to 0.5");
  }
  SECTION("a section no sector takes") {
    const auto file = region_file_with(dir, "jobs_sections: [G, J, L]", "jobs_sections: [G, J]");
    expect_error(build_command("TLC11,TLC12", 2014, file, out), "no sector takes SIC section L");
  }
  SECTION("industries that leave out part of the region's GVA") {
    const auto file = region_file_with(dir, "gva_industries: [AB, C, F]", "gva_industries: [C, F]");
    expect_error(build_command("TLC11,TLC12", 2014, file, out), "an industry is missing or counted twice");
  }
  SECTION("an existing output folder without --force") {
    fs::create_directories(out);
    std::ofstream(out / "baseline.yaml") << "kept\n";
    const auto result = run_lissim(build_command("TLC11,TLC12", 2014, kRegionFile, out));
    CHECK(result.exit_code == 2);
    CHECK(result.output.find("the output folder exists; --force") != std::string::npos);
    CHECK(read_text(out / "baseline.yaml") == "kept\n");
    CHECK(run_lissim(build_command("TLC11,TLC12", 2014, kRegionFile, out) + " --force").exit_code == 0);
    CHECK(read_text(out / "baseline.yaml").find("filled_jobs: 150000.00") != std::string::npos);
  }
}

TEST_CASE("the North East's SEP jobs target is judged on k(t0) x filled jobs (docs/model.md section 11)",
          "[region][targets]") {
  const auto s = lissim::sim::load_scenario(source_path("scenarios/north_east_baseline.yaml"));
  CHECK(s.sep_jobs_per_filled_job == Approx(811300 / 833971.09).epsilon(1e-6));
  REQUIRE(s.targets.at(0).id == "more_jobs");
  CHECK(s.targets[0].published.noise == lissim::models::MeasurementNoise::relative);
  CHECK(s.targets[0].published.base_ratio == s.sep_jobs_per_filled_job);
  for (std::size_t t = 1; t < s.targets.size(); ++t) CHECK(s.targets[t].published.base_ratio == 1.0);
}

TEST_CASE("sector share trends: the fit recovers known trends from the years up to the base year", "[region]") {
  using lissim::sim::fit_share_trend;
  // A synthetic national panel: the total grows 2% a year, the sector's share falls 1.5% a year
  // with a known alternating error, and after the base year everything jumps (never read).
  std::vector<int> years;
  std::vector<double> total, part;
  for (int y = 1998; y <= 2018; ++y) {
    years.push_back(y);
    const double t = 1000 * std::exp(0.02 * (y - 1998));
    const double error = (y % 2 == 0 ? 1 : -1) * 0.001;
    total.push_back(t);
    part.push_back(y > 2014 ? 10 * t : 0.1 * t * std::exp(-0.015 * (y - 1998) + error));
  }
  const auto trend = fit_share_trend(years, part, total, 2014);
  REQUIRE(trend.fitted);
  CHECK(trend.first == 2004);
  CHECK(trend.last == 2014);
  CHECK(trend.years == 11);
  // OLS of -1.5 (t - 1998) + 0.1 (-1)^t on t over 2004-2014: the alternating term's slope is
  // sum (t - 2009) 0.1 (-1)^t / sum (t - 2009)^2 = 0.1 x (-10) / 110 (its values at 2004..2014).
  double sxy = 0;
  for (int y = 2004; y <= 2014; ++y) sxy += (y - 2009) * 0.1 * (y % 2 == 0 ? 1 : -1);
  CHECK(trend.pct == Approx(-1.5 + sxy / 110).epsilon(1e-9));
  CHECK(trend.se_pct > 0);
  // No error: the exact trend and a zero standard error.
  for (std::size_t i = 0; i < years.size(); ++i) part[i] = 0.2 * total[i] * std::exp(0.031 * (years[i] - 2000));
  const auto exact = fit_share_trend(years, part, total, 2014);
  CHECK(exact.pct == Approx(3.1).epsilon(1e-10));
  CHECK(exact.se_pct == Approx(0).margin(1e-9));
  // Too few years in the window, or a missing year: no fit, or a fit on the years there are.
  CHECK_FALSE(fit_share_trend({2013, 2014}, {1, 1}, {2, 2}, 2014).fitted);
  part[years.size() - 5] = 0;  // 2014 suppressed
  const auto shorter = fit_share_trend(years, part, total, 2014);
  CHECK(shorter.last == 2013);
  CHECK(shorter.pct == Approx(3.1).epsilon(1e-10));
}

TEST_CASE("sector share trends: too few years in the panel leave the marked defaults", "[region]") {
  // The tiny panel's GVA by industry has 2012-2014 only: fewer than kShareTrendMinYears, so no
  // sector gets a fitted trend and calibration.yaml has no sectors block (the defaults apply).
  // The fit on real years is checked on the shipped panel by tests/python/test_north_east_seed.py.
  TempDir dir("trends");
  const fs::path seeds = dir.path / "seeds";
  REQUIRE(run_lissim(build_command("TLC11,TLC12", 2014, kRegionFile, seeds)).exit_code == 0);
  const auto b = build("TLC11,TLC12");
  for (const auto& t : lissim::sim::uk_output_share_trends(b)) {
    CHECK_FALSE(t.fitted);
    CHECK(t.years == 3);
  }
  CHECK(read_text(seeds / "calibration.yaml").find("\nsectors:") == std::string::npos);
}
