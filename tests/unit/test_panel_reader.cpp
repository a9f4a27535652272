// The panel reader (sim/panel): a region's series relative to the UK by hand, years after the
// base year never used, and bad input named (file, code, year).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>

#include "sim/errors.h"
#include "sim/panel/calibration.h"

using namespace lissim::sim;
namespace fs = std::filesystem;

namespace {

// A folder with one panel file; removed at the end of the test.
struct PanelFolder {
  fs::path dir;
  explicit PanelFolder(const std::string& text) {
    static int count = 0;
    dir = fs::temp_directory_path() / ("lissim_test_panel_" + std::to_string(::getpid()) + "_" + std::to_string(++count));
    fs::create_directories(dir);
    std::ofstream(dir / kPanelFile) << text;
  }
  ~PanelFolder() { fs::remove_all(dir); }
  std::string file() const { return (dir / kPanelFile).string(); }
};

// UK and two ITL3 areas A1, A2 (a quoted name with a comma), years 2000-2001 (2002 optional).
std::string small_panel(bool later_year) {
  std::string t = "series,level,code,name,year,value,unit\n";
  const auto row = [&](const char* series, const char* level, const char* code, int year, double value) {
    t += std::string(series) + "," + level + "," + code + ",\"Area " + code + ", somewhere\"," + std::to_string(year) +
         "," + std::to_string(value) + ",u\n";
  };
  for (int year = 2000; year <= (later_year ? 2002 : 2001); ++year) {
    const double g = year - 2000;
    row("filled_jobs", "UK", "UKX", year, 1000 + 100 * g);
    row("filled_jobs", "ITL3", "A1", year, 100 + 10 * g);
    row("filled_jobs", "ITL3", "A2", year, 50 + 20 * g);
    row("hours_worked_per_week", "UK", "UKX", year, 30000);
    row("hours_worked_per_week", "ITL3", "A1", year, 3000 + 300 * g);
    row("hours_worked_per_week", "ITL3", "A2", year, 1000);
    row("gva_per_hour_chained_volume_index", "UK", "UKX", year, 80 + 8 * g);
    row("gva_per_hour_chained_volume_index", "ITL3", "A1", year, 90 + 9 * g);
    row("gva_per_hour_chained_volume_index", "ITL3", "A2", year, 100 + 20 * g);
    row("gva_per_hour_current_price", "UK", "UKX", year, 40 + g);
    row("gva_per_hour_current_price", "ITL3", "A1", year, 30 + g);
    row("gva_per_hour_current_price", "ITL3", "A2", year, 20 + g);
  }
  return t;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("panel: a set of areas relative to the UK by hand", "[panel][reader]") {
  const PanelFolder folder(small_panel(false));
  const Panel panel = Panel::read(folder.dir.string());
  CHECK(panel.name("A1") == "Area A1, somewhere");
  const PanelRegion region = parse_region(panel, "A2, A1");
  CHECK(region.label == "A1+A2");
  const auto jobs = relative_series(panel, region, PanelSeries::filled_jobs, 2001);
  CHECK(jobs.at(2000) == Approx(std::log(150.0 / 1000.0)));
  CHECK(jobs.at(2001) == Approx(std::log(180.0 / 1100.0)));
  // GVA per hour in 2001 prices: A1 in 2000 = 31 x 90/99, A2 = 21 x 100/120, weighted by hours
  // 3000 and 1000; the UK's = 41 x 80/88.
  const auto gva = relative_series(panel, region, PanelSeries::gva_per_hour, 2001);
  const double set_2000 = (31.0 * 90 / 99 * 3000 + 21.0 * 100 / 120 * 1000) / 4000;
  CHECK(gva.at(2000) == Approx(std::log(set_2000 / (41.0 * 80 / 88))));
  const double set_2001 = (31.0 * 3300 + 21.0 * 1000) / 4300;
  CHECK(gva.at(2001) == Approx(std::log(set_2001 / 41.0)));
  // A single area: its index in base-year prices.
  const auto one = relative_series(panel, parse_region(panel, "A2"), PanelSeries::gva_per_hour, 2001);
  CHECK(one.at(2000) == Approx(std::log((21.0 * 100 / 120) / (41.0 * 80 / 88))));
}

TEST_CASE("panel: later years are read but never used before them", "[panel][reader]") {
  const PanelFolder longer(small_panel(true));
  const Panel panel = Panel::read(longer.dir.string());
  CHECK(panel.last_year() == 2002);
  const Panel cut = panel.up_to(2001);
  CHECK(cut.last_year() == 2001);
  CHECK_FALSE(cut.value("filled_jobs", "A1", 2002).has_value());
  CHECK(cut.value("filled_jobs", "A1", 2001).has_value());
  const PanelFolder shorter(small_panel(false));
  const PanelRegion region = parse_region(cut, "A1");
  CHECK(relative_series(cut, region, PanelSeries::gva_per_hour, 2001) ==
        relative_series(Panel::read(shorter.dir.string()), region, PanelSeries::gva_per_hour, 2001));
}

TEST_CASE("panel: bad input names the file, the code or the year", "[panel][reader]") {
  const PanelFolder no_value("series,level,code,name,year,unit\nfilled_jobs,UK,UKX,UK,2000,u\n");
  const std::string missing = error_of([&] { Panel::read(no_value.dir.string()); });
  CHECK_THAT(missing, Catch::Contains(no_value.file() + ":1: error: missing column(s) value"));

  const PanelFolder bad_year("series,level,code,name,year,value\nfilled_jobs,UK,UKX,UK,20x0,1\n");
  CHECK_THAT(error_of([&] { Panel::read(bad_year.dir.string()); }),
             Catch::Contains(bad_year.file() + ":2: error: year: got '20x0'"));

  CHECK_THAT(error_of([&] { Panel::read("/nonexistent/panel"); }), Catch::Contains("/nonexistent/panel"));

  const PanelFolder folder(small_panel(false));
  const Panel panel = Panel::read(folder.dir.string());
  CHECK_THAT(error_of([&] { parse_region(panel, "A1,ZZ9"); }),
             Catch::Contains(folder.file()) && Catch::Contains("'ZZ9'"));
  CHECK_THAT(error_of([&] { parse_region(panel, "A1,UKX"); }), Catch::Contains("one level"));
  CHECK_THAT(error_of([&] { parse_region(panel, "A1,A1"); }), Catch::Contains("A1 given twice"));

  CalibrationSettings settings;
  settings.base_year = 2005;
  CHECK_THAT(error_of([&] { calibrate_pool(panel, PanelSeries::filled_jobs, "ITL3", settings); }),
             Catch::Contains("base year 2005 is outside the panel") && Catch::Contains("2000-2001"));
  settings.base_year = 2001;
  CHECK_THAT(error_of([&] { calibrate_pool(panel, PanelSeries::filled_jobs, "ITL3", settings); }),
             Catch::Contains("window too short to estimate") && Catch::Contains(folder.file()));
}
