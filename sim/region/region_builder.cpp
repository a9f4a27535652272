#include "sim/region/region_builder.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>

#include "sim/errors.h"

namespace lissim::sim {

namespace {

constexpr const char* kJobs = "filled_jobs";
constexpr const char* kHours = "hours_worked_per_week";
constexpr const char* kCurrent = "gva_per_hour_current_price";
constexpr const char* kIndex = "gva_per_hour_chained_volume_index";
constexpr const char* kImputedRent = "68IMP";
constexpr double kWeeksPerYear = 52;
constexpr double kCoverageTolerance = 0.03;

std::string fmt(const char* format, double x) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, x);
  return buffer;
}
// 833,971 or 833,971.09
std::string grouped(double x, int decimals = 0) {
  const std::string digits = fmt(decimals ? "%.2f" : "%.0f", std::abs(x));
  const std::size_t point = std::min(digits.find('.'), digits.size());
  std::string head;
  for (std::size_t i = 0; i < point; ++i) {
    head += digits[i];
    if ((point - i - 1) % 3 == 0 && i + 1 < point) head += ',';
  }
  return (x < 0 ? "-" : "") + head + digits.substr(point);
}

std::string joined(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
  return out;
}

double required(const Panel& panel, const char* series, const std::string& code, int year) {
  const auto v = panel.value(series, code, year);
  if (!v) throw InputError(panel.file() + ": no " + series + " for " + code + " in " + std::to_string(year));
  return *v;
}

// The panel's totals of a set of areas in one year (nothing if a part is missing).
struct AreaTotals {
  double jobs = 0, hours = 0, gva_per_hour = 0, real_gva_per_hour = 0;
};
std::optional<double> sum_of(const Panel& panel, const char* series, const std::vector<std::string>& codes, int year) {
  double sum = 0;
  for (const auto& code : codes) {
    const auto v = panel.value(series, code, year);
    if (!v) return std::nullopt;
    sum += *v;
  }
  return sum;
}
// Hours-weighted current-price GVA per hour.
std::optional<double> current_gva_per_hour(const Panel& panel, const std::vector<std::string>& codes, int year) {
  double gva = 0, hours = 0;
  for (const auto& code : codes) {
    const auto p = panel.value(kCurrent, code, year);
    const auto h = panel.value(kHours, code, year);
    if (!p || !h) return std::nullopt;
    gva += *p * *h;
    hours += *h;
  }
  return gva / hours;
}
// Real GVA per hour in base-year prices: sum_i P_i(b) I_i(t) / I_i(b) H_i(t) / sum_i H_i(t).
std::optional<double> real_gva_per_hour(const Panel& panel, const std::vector<std::string>& codes, int year,
                                        int base_year) {
  double gva = 0, hours = 0;
  for (const auto& code : codes) {
    const auto index = panel.value(kIndex, code, year);
    const auto h = panel.value(kHours, code, year);
    if (!index || !h) return std::nullopt;
    gva += required(panel, kCurrent, code, base_year) * *index / required(panel, kIndex, code, base_year) * *h;
    hours += *h;
  }
  return gva / hours;
}

// The ITL3 areas of a region (themselves, or the ITL3 areas whose codes start with an ITL1 or
// ITL2 code), for the BRES composition.
std::vector<std::string> itl3_areas(const Panel& panel, const PanelRegion& region) {
  if (region.level == "ITL3") return region.codes;
  std::vector<std::string> out;
  for (const auto& code : panel.codes_at_level("ITL3"))
    for (const auto& parent : region.codes)
      if (code.rfind(parent, 0) == 0) out.push_back(code);
  if (out.empty()) throw InputError(panel.file() + ": no ITL3 areas inside " + region.label + " for the BRES composition");
  return out;
}

double industry_sum(const IndustryGva& gva, const std::vector<std::string>& codes, const CategoryShares& industries,
                    int year, const std::string& sector, const std::string& region_file) {
  double sum = 0;
  for (const auto& [industry, share] : industries) {
    if (!gva.has_industry(industry))
      throw InputError(region_file + ": sector " + sector + ": gva_industries: '" + industry + "' is not an industry of " +
                       gva.file() + " (the sic07_code before its first space, e.g. C, CD-CG, 68IMP)");
    for (const auto& code : codes) {
      const auto v = gva.value(code, industry, year);
      if (!v)
        throw InputError(gva.file() + ": no " + std::to_string(year) + " value of industry " + industry + " for " + code +
                         " (sector " + sector + " of " + region_file + ")");
      sum += share * *v;
    }
  }
  return sum;
}

// Rounds to cents so that the parts add up to the rounded total exactly (largest remainder).
std::vector<double> cents_adding_up(const std::vector<double>& parts, double total) {
  const auto target = static_cast<long long>(std::llround(total * 100));
  std::vector<long long> floors;
  std::vector<std::pair<double, std::size_t>> remainders;
  long long sum = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const double cents = parts[i] * 100;
    floors.push_back(static_cast<long long>(std::floor(cents)));
    sum += floors.back();
    remainders.emplace_back(cents - std::floor(cents), i);
  }
  std::sort(remainders.begin(), remainders.end(), std::greater<>());
  for (long long k = 0; k < target - sum && k < static_cast<long long>(parts.size()); ++k) ++floors[remainders[k].second];
  std::vector<double> out;
  for (const long long f : floors) out.push_back(static_cast<double>(f) / 100);
  return out;
}

// Sources name a panel file without its folder (provenance gives the folder).
std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

std::string panel_ref(const Panel& panel, const char* series, const std::vector<std::string>& codes, int year) {
  return file_name(panel.file()) + " " + std::string(series) + " " + std::to_string(year) + ", " + joined(codes);
}

HistorySeries panel_history(const Panel& panel, const BuiltRegion& b, const std::string& id, const char* series,
                            const std::string& unit, const std::string& how) {
  HistorySeries h;
  h.id = id;
  h.unit = unit;
  const std::vector<std::string> uk{kUkCode};
  const auto [first, last] = panel.years(series);
  for (int year = first; year <= std::min(last, b.base_year); ++year) {
    const auto value = [&](const std::vector<std::string>& codes) -> std::optional<double> {
      if (id == kJobs || id == kHours) return sum_of(panel, series, codes, year);
      if (id == kCurrent) return current_gva_per_hour(panel, codes, year);
      return real_gva_per_hour(panel, codes, year, b.base_year);
    };
    const auto r = value(b.region.codes), c = value(b.comparator.codes), u = value(uk);
    if (!r || !c || !u) continue;
    h.years.push_back(year);
    h.region.push_back(*r);
    h.comparator.push_back(*c);
    h.uk.push_back(*u);
  }
  h.source = "D: " + file_name(panel.file()) + ", series " + series + ", " + std::to_string(h.years.front()) + "-" +
             std::to_string(h.years.back()) + "; region " + joined(b.region.codes) + ", comparator " +
             joined(b.comparator.codes) + ", UK " + kUkCode + "; " + how;
  return h;
}

// The base year lies in every series of the panel, and the region file is for that year and these areas.
void check_inputs(const Panel& panel, const PanelRegion& region, int base_year, const RegionFile& file) {
  for (const char* series : {kJobs, kHours, kCurrent, kIndex}) {
    const auto [first, last] = panel.years(series);
    if (base_year < first || base_year > last)
      throw InputError("base year " + std::to_string(base_year) + " is outside the panel: " + series + " covers " +
                       std::to_string(first) + "-" + std::to_string(last) + " in " + panel.file());
  }
  if (file.base_year != base_year)
    throw InputError(file.path + ": base_year: got " + std::to_string(file.base_year) + ", but --base-year is " +
                     std::to_string(base_year) + "; the region file's figures must be for the base year");
  if (!file.codes.empty() && file.codes != region.codes)
    throw InputError(file.path + ": codes: got [" + joined(file.codes) + "], but --region is " + joined(region.codes) +
                     "; the region file describes other areas");
}

// The region's and the comparator's totals from the panel, with their sources.
void add_panel_totals(const Panel& panel, BuiltRegion& b) {
  const PanelRegion& region = b.region;
  const int y = b.base_year;
  for (const auto& code : region.codes) {
    b.filled_jobs += required(panel, kJobs, code, y);
    b.hours_per_week += required(panel, kHours, code, y);
    required(panel, kCurrent, code, y);
  }
  b.gva_per_hour = *current_gva_per_hour(panel, region.codes, y);
  for (const auto& code : b.comparator.codes) {
    required(panel, kCurrent, code, y);
    required(panel, kHours, code, y);
  }
  b.comparator_gva_per_hour = *current_gva_per_hour(panel, b.comparator.codes, y);
  b.totals_source = "filled_jobs: D, panel " + panel_ref(panel, kJobs, region.codes, y) + ", sum of the areas. "
                    "hours_worked_per_week: D, panel " + panel_ref(panel, kHours, region.codes, y) + ", sum. "
                    "gva_per_hour: D, panel " + panel_ref(panel, kCurrent, region.codes, y) + ", weighted by hours "
                    "worked (current prices, unsmoothed). gva_current_price_gbp_m: D, gva_per_hour x hours x 52.";
  b.comparator_source = "gva_per_hour: D, panel " + panel_ref(panel, kCurrent, b.comparator.codes, y) +
                        ", the ITL1 regions of England excluding London, weighted by hours worked";
}

// The figures by sector the steps below share, in the region file's order of sectors.
struct SectorFigures {
  std::vector<std::string> nuts3;                   // the region's areas in BRES
  std::map<std::string, double> section_employees;  // BRES employees by SIC section, every one a sector takes
  double bres_total = 0;
  std::vector<double> jobs, hours;  // hours a job a year, rounded as written
  std::vector<double> market;       // the sectors' market GVA (chained volume)
  double market_sum = 0;
  double written_hours = 0;  // the sectors' hours a year as written
  double fixed_gva = 0;      // GVA the region file's gva_per_hour figures take
  double free_market = 0;    // market GVA of the sectors without one
  double gva_to_share = 0;   // the total over the rounded hours less fixed_gva
};

// Jobs: the total split by BRES employee shares (composition only).
void split_jobs(const Panel& panel, const Bres& bres, const BuiltRegion& b, SectorFigures& f) {
  const RegionFile& file = b.file;
  const std::string& rf = file.path;
  for (const auto& code : itl3_areas(panel, b.region)) {
    f.nuts3.push_back(nuts3_code(code));
    if (!bres.employees.count(f.nuts3.back()))
      throw InputError(bres.file + ": no rows for NUTS3 " + f.nuts3.back() + " (ITL3 " + code + " " + panel.name(code) +
                       "); its 2016 NUTS3 boundaries differ or BRES does not cover it, so the region's sector "
                       "composition is not in the panel");
  }
  for (const auto& code : f.nuts3)
    for (const auto& [section, n] : bres.employees.at(code)) {
      f.section_employees[section] += n;
      f.bres_total += n;
    }
  std::map<std::string, double> taken;
  for (const auto& s : file.sectors)
    for (const auto& [section, share] : s.jobs_sections) {
      if (!bres.sections.count(section))
        throw InputError(rf + ": sector " + s.id + ": jobs_sections: '" + section + "' is not a SIC section of " + bres.file);
      taken[section] += share;
    }
  for (const auto& [section, n] : f.section_employees)
    if (n > 0 && !taken.count(section))
      throw InputError(rf + ": sectors: no sector takes SIC section " + section + " (" + bres.sections.at(section) +
                       ", " + grouped(n) + " employees in the region in BRES " + std::to_string(bres.year) + ")");
  std::vector<double> raw_jobs;
  double raw_total = 0;
  for (const auto& s : file.sectors) {
    double n = 0;
    for (const auto& [section, share] : s.jobs_sections) n += share * f.section_employees[section];
    raw_jobs.push_back(n);
    raw_total += n;
  }
  for (const double n : raw_jobs) f.jobs.push_back(b.filled_jobs * n / raw_total);
  f.jobs = cents_adding_up(f.jobs, b.filled_jobs);
}

// Hours per job: the region file's pattern scaled to the panel's hours.
void scale_hours(BuiltRegion& b, const SectorFigures& f) {
  double pattern_hours = 0;
  for (std::size_t i = 0; i < f.jobs.size(); ++i) pattern_hours += f.jobs[i] * b.file.sectors[i].hours_per_week.value;
  b.hours_scale = b.hours_per_week / pattern_hours;
}

// GVA: the sectors' shares of the region's market GVA (chained volume, base year), which must
// cover all of it but owner-occupiers' imputed rent.
void share_market_gva(const IndustryGva& region_gva, BuiltRegion& b, SectorFigures& f) {
  const PanelRegion& region = b.region;
  const int y = b.base_year;
  const std::string& rf = b.file.path;
  for (const auto& code : region.codes)
    if (!region_gva.has_code(code)) throw InputError(region_gva.file() + ": no rows for " + code);
  for (const auto& s : b.file.sectors) {
    f.market.push_back(industry_sum(region_gva, region.codes, s.gva_industries, y, s.id, rf));
    f.market_sum += f.market.back();
  }
  const double all_industries = industry_sum(region_gva, region.codes, {{"Total", 1.0}}, y, "(all)", rf);
  const double imputed_rent = region_gva.has_industry(kImputedRent)
                                  ? industry_sum(region_gva, region.codes, {{kImputedRent, 1.0}}, y, "(imputed rent)", rf)
                                  : 0.0;
  b.industry_coverage = f.market_sum / (all_industries - imputed_rent);
  if (std::abs(b.industry_coverage - 1) > kCoverageTolerance)
    throw InputError(rf + ": sectors: their gva_industries hold " + fmt("%.1f", 100 * b.industry_coverage) +
                     "% of the region's " + std::to_string(y) + " GVA excluding owner-occupiers' imputed rent in " +
                     region_gva.file() + ", must be within " + fmt("%.0f", 100 * kCoverageTolerance) +
                     "% of 100%: an industry is missing or counted twice");
}

// Hours a job rounded as written, and the GVA left for the sectors without a gva_per_hour of their own.
void round_hours_and_fix_gva(const BuiltRegion& b, SectorFigures& f) {
  const auto& sectors = b.file.sectors;
  f.hours.resize(f.jobs.size());
  for (std::size_t i = 0; i < f.jobs.size(); ++i) {
    f.hours[i] = std::round(sectors[i].hours_per_week.value * b.hours_scale * kWeeksPerYear * 10) / 10;
    if (sectors[i].gva_per_hour) f.fixed_gva += sectors[i].gva_per_hour->value * f.jobs[i] * f.hours[i];
    else f.free_market += f.market[i];
  }
  for (std::size_t i = 0; i < f.jobs.size(); ++i) f.written_hours += f.jobs[i] * f.hours[i];
  f.gva_to_share = b.gva_per_hour * f.written_hours - f.fixed_gva;
  const double gva_total = b.gva_per_hour * b.hours_per_week * kWeeksPerYear;  // GBP a year, current prices
  if (f.gva_to_share <= 0 || f.free_market <= 0)
    throw InputError(b.file.path + ": sectors: the gva_per_hour figures given take " + grouped(f.fixed_gva / 1e6) +
                     "m of the region's GVA of " + grouped(gva_total / 1e6) + "m, leaving nothing for the other sectors");
}

// Better jobs: the region file's shares, scaled to its total when it gives one.
void scale_better_jobs(BuiltRegion& b, const SectorFigures& f) {
  double better = 0;
  for (std::size_t i = 0; i < f.jobs.size(); ++i) better += f.jobs[i] * b.file.sectors[i].better_jobs_share.value;
  if (b.file.better_jobs_share_total) b.better_jobs_scale = b.file.better_jobs_share_total->value * b.filled_jobs / better;
}

// Where sector i's figures come from, in words.
std::string sector_source(const Panel& panel, const Bres& bres, const IndustryGva& region_gva, const BuiltRegion& b,
                          const SectorFigures& f, std::size_t i, double panel_gva_per_hour) {
  const RegionSectorSpec& spec = b.file.sectors[i];
  const PanelRegion& region = b.region;
  const int y = b.base_year;
  const std::string& rf = b.file.path;
  const std::string bres_ref =
      file_name(bres.file) + ", BRES " + std::to_string(bres.year) + " employees, NUTS3 " + joined(f.nuts3);
  std::string sections, industries;
  for (const auto& [section, share] : spec.jobs_sections)
    sections += (sections.empty() ? "" : " + ") + section + (share < 1 ? " x " + fmt("%.6g", share) : "") + " (" +
                grouped(f.section_employees.at(section)) + ")";
  for (const auto& [industry, share] : spec.gva_industries) {
    const double v = industry_sum(region_gva, region.codes, {{industry, 1.0}}, y, spec.id, rf);
    industries += (industries.empty() ? "" : " + ") + industry + (share < 1 ? " x " + fmt("%.6g", share) : "") + " (" +
                  grouped(v) + ")";
  }
  std::string source = "jobs: D, the region's filled jobs (panel " + panel_ref(panel, kJobs, region.codes, y) + ", " +
                       grouped(b.filled_jobs, 2) + ") x the sector's share of BRES employees (" + bres_ref +
                       ": section " + sections + " of " + grouped(f.bres_total) +
                       "; composition only, no BRES series enters the model). ";
  if (!spec.split_source.empty()) source += "Shares below 1: " + spec.split_source + ". ";
  source += "hours_per_job: " + spec.hours_per_week.source + " (" + fmt("%.1f", spec.hours_per_week.value) +
            " h/week), x " + fmt("%.4f", b.hours_scale) + " so the sectors' hours add up to the panel's (" +
            panel_ref(panel, kHours, region.codes, y) + "), x 52. ";
  const std::string share_text = "the sector's share of the region's market GVA in " + file_name(region_gva.file()) +
                                 " (chained volume, GBP m 2019 prices, " + std::to_string(y) + ", " +
                                 joined(region.codes) + ": " + industries + " of " + grouped(f.market_sum) +
                                 "; owner-occupiers' imputed rent and industries no sector takes spread pro rata) "
                                 "of the region's current-price GVA (gva_per_hour x hours), over the sector's hours; "
                                 "chained-volume shares stand in for current-price ones, which the panel does not have";
  if (spec.gva_per_hour)
    source += "gva_per_hour: " + spec.gva_per_hour->source + " (the region file replaces the panel's figure, " +
              fmt("%.2f", panel_gva_per_hour) + " GBP/hour from " + share_text + "). ";
  else
    source += "gva_per_hour: D, " + share_text + ". ";
  source += "private_share: " + spec.private_share.source + ". better_jobs_share: " + spec.better_jobs_share.source +
            (b.file.better_jobs_share_total ? " (" + fmt("%.3f", spec.better_jobs_share.value) + "), x " +
                                                  fmt("%.4f", b.better_jobs_scale) + " so the jobs-weighted share is " +
                                                  "better_jobs_share_total"
                                            : "") + ".";
  return source;
}

// The sectors as written, and the region's private-job density and better-jobs share from them.
void add_sectors(const Panel& panel, const Bres& bres, const IndustryGva& region_gva, BuiltRegion& b,
                 const SectorFigures& f) {
  double private_jobs = 0, better_jobs = 0;
  for (std::size_t i = 0; i < f.jobs.size(); ++i) {
    const RegionSectorSpec& spec = b.file.sectors[i];
    BuiltSector s;
    s.id = spec.id;
    s.name = spec.name;
    s.note = spec.note;
    for (const auto& [section, share] : spec.jobs_sections) s.sic_sections.push_back(section);
    s.jobs = f.jobs[i];
    s.hours_per_job = f.hours[i];
    const double sector_hours = f.jobs[i] * f.hours[i];
    s.panel_gva_per_hour = b.gva_per_hour * f.written_hours * f.market[i] / f.market_sum / sector_hours;
    s.gva_per_hour =
        spec.gva_per_hour ? spec.gva_per_hour->value : f.gva_to_share * f.market[i] / f.free_market / sector_hours;
    s.private_share = spec.private_share.value;
    s.better_jobs_share = spec.better_jobs_share.value * b.better_jobs_scale;
    if (s.better_jobs_share > 1)
      throw InputError(b.file.path + ": sector " + spec.id + ": better_jobs_share " +
                       fmt("%.3f", spec.better_jobs_share.value) + " scaled by " + fmt("%.4f", b.better_jobs_scale) +
                       " to better_jobs_share_total is above 1");
    private_jobs += s.private_share * s.jobs;
    better_jobs += s.better_jobs_share * s.jobs;
    s.source = sector_source(panel, bres, region_gva, b, f, i, s.panel_gva_per_hour);
    b.sectors.push_back(std::move(s));
  }
  b.private_density = private_jobs / b.file.working_age_population.value;
  b.better_jobs_share = better_jobs / b.filled_jobs;
}

// GVA of some industries (all of them for sector "") for the region, the comparator and the UK,
// every year the industry table has; a year with a suppressed cell is left out.
HistorySeries gva_history(const IndustryGva& region_gva, const IndustryGva& itl1_gva, const BuiltRegion& b,
                          const std::string& sector, const CategoryShares& industries, const std::string& what) {
  const PanelRegion& region = b.region;
  const std::string& rf = b.file.path;
  const std::vector<std::string> uk{kUkCode};
  HistorySeries h;
  h.id = "gva_chained_volume";
  h.sector = sector;
  h.unit = "GBP m, chained volume, 2019 prices";
  for (const int year : region_gva.years(region.codes.front(), "Total")) {
    try {
      const double r = industry_sum(region_gva, region.codes, industries, year, sector, rf);
      const double c = industry_sum(itl1_gva, b.comparator.codes, industries, year, sector, rf);
      const double u = industry_sum(itl1_gva, uk, industries, year, sector, rf);
      h.years.push_back(year);
      h.region.push_back(r);
      h.comparator.push_back(c);
      h.uk.push_back(u);
    } catch (const InputError&) {  // a year with a suppressed cell is left out
    }
  }
  std::string list;
  for (const auto& [industry, share] : industries)
    list += (list.empty() ? "" : " + ") + industry + (share < 1 ? " x " + fmt("%.6g", share) : "");
  h.source = "D: " + what + " " + list + ", " + file_name(region_gva.file()) + " (region " + joined(region.codes) +
             ") and " + file_name(itl1_gva.file()) + " (comparator " + joined(b.comparator.codes) + ", UK " + kUkCode +
             "), " +
             (h.years.empty() ? std::string("no years")
                              : std::to_string(h.years.front()) + "-" + std::to_string(h.years.back())) +
             "; sums of chained-volume values, which add only approximately across areas and industries";
  return h;
}

// History up to the base year: the panel's series, then GVA by sector.
void add_history(const Panel& panel, const IndustryGva& region_gva, const IndustryGva& itl1_gva, BuiltRegion& b) {
  const int y = b.base_year;
  b.history.push_back(panel_history(panel, b, kJobs, kJobs, "jobs", "sum of the areas"));
  b.history.push_back(panel_history(panel, b, kHours, kHours, "hours a week", "sum of the areas"));
  b.history.push_back(panel_history(panel, b, kCurrent, kCurrent, "GBP per hour, current prices",
                                    "weighted by hours worked"));
  b.history.push_back(panel_history(panel, b, "gva_per_hour_real", kIndex,
                                    "GBP per hour in " + std::to_string(y) + " prices",
                                    "sum_i P_i(" + std::to_string(y) + ") I_i(t) / I_i(" + std::to_string(y) +
                                        ") H_i(t) / sum_i H_i(t) with P current-price GVA per hour, I its chained-volume "
                                        "index and H hours worked (real changes, base-year level)"));
  b.history.push_back(gva_history(region_gva, itl1_gva, b, "", {{"Total", 1.0}}, "all industries,"));
  for (const auto& s : b.file.sectors)
    b.history.push_back(gva_history(region_gva, itl1_gva, b, s.id, s.gva_industries, "industries"));
}

}  // namespace

BuiltRegion build_region(const Panel& full_panel, const PanelRegion& region, int base_year, const RegionFile& file) {
  BuiltRegion b;
  b.file = file;
  b.region = region;
  b.base_year = base_year;
  b.panel_folder = full_panel.folder();
  b.comparator = england_excluding_london(full_panel);
  check_inputs(full_panel, region, base_year, file);
  const Panel panel = full_panel.up_to(base_year);  // nothing later enters below
  add_panel_totals(panel, b);

  const Bres bres = Bres::read(panel.folder());
  SectorFigures f;
  split_jobs(panel, bres, b, f);
  scale_hours(b, f);
  const IndustryGva region_gva = IndustryGva::read(panel.folder(), region.level, base_year);
  const IndustryGva itl1_gva =
      region.level == "ITL1" ? region_gva : IndustryGva::read(panel.folder(), "ITL1", base_year);
  share_market_gva(region_gva, b, f);
  round_hours_and_fix_gva(b, f);
  scale_better_jobs(b, f);
  add_sectors(panel, bres, region_gva, b, f);
  add_history(panel, region_gva, itl1_gva, b);

  b.inputs = {{file_name(panel.file()), panel.file_sha256()},
              {file_name(bres.file), bres.sha256},
              {file_name(region_gva.file()), region_gva.file_sha256()}};
  if (region.level != "ITL1") b.inputs.emplace_back(file_name(itl1_gva.file()), itl1_gva.file_sha256());
  b.inputs.emplace_back(file.path, file.sha256);
  return b;
}

}  // namespace lissim::sim
