// baseline.yaml as `lissim build-region` writes it (layout in docs/regions.md).
#include <cstdio>
#include <sstream>

#include "sim/io/hdf5_file.h"
#include "sim/region/region_builder.h"
#include "sim/util/yaml_text.h"
#include "sim/version.h"

namespace lissim::sim {

namespace {

std::string list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + "]";
}

template <typename T, typename F>
std::string flow(const std::vector<T>& values, F format) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + format(values[i]);
  return out + "]";
}

// Who built the file, how, and from which inputs.
void write_provenance(std::ostream& out, const BuiltRegion& b, const std::string& command) {
  out << "provenance:\n";
  out << "  built_by: lissim build-region\n";
  out << "  command: " << quoted(command) << "\n";
  out << "  lissim_version: " << quoted(kVersion) << "\n";
  out << "  git_sha: " << quoted(kGitSha) << "\n";
  out << "  created_utc: " << quoted(utc_now()) << "\n";
  out << "  panel: " << quoted(b.panel_folder) << "\n";
  out << "  region_codes: " << list(b.region.codes) << "\n";
  out << "  region_level: " << b.region.level << "\n";
  out << "  comparator_codes: " << list(b.comparator.codes) << "\n";
  out << "  inputs:\n";
  for (const auto& [file, sha] : b.inputs) out << "    - {file: " << quoted(file) << ", sha256: " << sha << "}\n";
}

// Each sector's figures and where they come from.
void write_sectors(std::ostream& out, const BuiltRegion& b) {
  out << "sectors:\n";
  for (const auto& s : b.sectors) {
    out << "  - id: " << s.id << "\n";
    out << "    name: " << quoted(s.name) << "\n";
    out << "    sic_sections: " << list(s.sic_sections) << "\n";
    out << "    jobs: " << number("%.2f", s.jobs) << "\n";
    out << "    gva_per_hour: " << number("%.4f", s.gva_per_hour) << "\n";
    out << "    hours_per_job: " << number("%.1f", s.hours_per_job) << "\n";
    out << "    private_share: " << number("%.6g", s.private_share) << "\n";
    out << "    better_jobs_share: " << number("%.4f", s.better_jobs_share) << "\n";
    out << folded("    ", "source", (s.note.empty() ? "" : s.note + ". ") + s.source);
  }
}

// The region's and the comparator's labour market, and the population projection.
void write_baselines(std::ostream& out, const BuiltRegion& b) {
  const RegionFile& f = b.file;
  out << "region_baseline:\n";
  out << "  working_age_population: " << number("%.10g", f.working_age_population.value) << "\n";
  out << "  employment_rate_pct: " << number("%.6g", f.employment_rate_pct.value) << "\n";
  out << "  activity_rate_pct: " << number("%.6g", f.activity_rate_pct.value) << "\n";
  out << folded("  ", "source",
                "working_age_population: " + f.working_age_population.source + ". employment_rate_pct: " +
                    f.employment_rate_pct.source + ". activity_rate_pct: " + f.activity_rate_pct.source + ".");
  out << "\ncomparator_baseline:\n";
  out << "  employment_rate_pct: " << number("%.6g", f.comparator_employment_rate_pct.value) << "\n";
  out << "  activity_rate_pct: " << number("%.6g", f.comparator_activity_rate_pct.value) << "\n";
  out << "  private_density: " << number("%.6g", f.comparator_private_density.value) << "\n";
  out << "  gva_per_hour: " << number("%.4f", b.comparator_gva_per_hour) << "\n";
  out << folded("  ", "source",
                "employment_rate_pct: " + f.comparator_employment_rate_pct.source + ". activity_rate_pct: " +
                    f.comparator_activity_rate_pct.source + ". private_density: " +
                    f.comparator_private_density.source + ". " + b.comparator_source + ".");
  out << "\npopulation_projection:\n  growth_pct:\n";
  for (const auto& [year, growth] : f.population_growth_pct) out << "    " << year << ": " << number("%.6g", growth) << "\n";
  out << folded("  ", "source", f.population_source);
}

// The region's totals, which the sectors add up to.
void write_totals(std::ostream& out, const BuiltRegion& b) {
  const RegionFile& f = b.file;
  out << "\nregion_totals:   # checks: the sectors add up to these\n";
  out << "  filled_jobs: " << number("%.2f", b.filled_jobs) << "\n";
  out << "  hours_worked_per_week: " << number("%.2f", b.hours_per_week) << "\n";
  out << "  gva_per_hour: " << number("%.4f", b.gva_per_hour) << "\n";
  out << "  gva_current_price_gbp_m: " << number("%.1f", b.gva_per_hour * b.hours_per_week * 52 / 1e6) << "\n";
  out << "  private_density: " << number("%.4f", b.private_density) << "\n";
  out << "  better_jobs_share: " << number("%.4f", b.better_jobs_share) << "\n";
  std::string source = b.totals_source + " private_density: D from the sectors, sum(private_share x jobs) / "
                                         "working_age_population. better_jobs_share: D from the sectors, jobs-weighted" +
                       (f.better_jobs_share_total ? " (scaled to " + f.better_jobs_share_total->source + ")" : "") + ".";
  if (f.sep_jobs) {
    out << "  sep_jobs: " << number("%.10g", f.sep_jobs->value) << "\n";
    out << "  sep_jobs_per_filled_job: " << number("%.6f", f.sep_jobs->value / b.filled_jobs) << "\n";
    source += " sep_jobs: " + f.sep_jobs->source + ". sep_jobs_per_filled_job: D, k(t0) of MODEL.md 2.9, the SEP's jobs "
              "measure over the panel's filled jobs.";
  }
  out << folded("  ", "source", source);
}

// The panel's series up to the base year.
void write_history(std::ostream& out, const BuiltRegion& b) {
  out << "\nhistory:   # the panel's series up to the base year: region, comparator and UK\n";
  out << "  series:\n";
  for (const auto& h : b.history) {
    out << "    - id: " << h.id << "\n";
    if (!h.sector.empty()) out << "      sector: " << h.sector << "\n";
    out << "      unit: " << quoted(h.unit) << "\n";
    out << folded("      ", "source", h.source);
    out << "      years: " << flow(h.years, [](int y) { return std::to_string(y); }) << "\n";
    const auto values = [](double v) { return number("%.12g", v); };
    out << "      region: " << flow(h.region, values) << "\n";
    out << "      comparator: " << flow(h.comparator, values) << "\n";
    out << "      uk: " << flow(h.uk, values) << "\n";
  }
}

}  // namespace

std::string baseline_yaml(const BuiltRegion& b, const std::string& command) {
  const RegionFile& f = b.file;
  std::ostringstream out;
  out << "# " << f.region_name << " baseline, " << b.base_year << " (lissim seed data), written by `lissim build-region`\n"
      << "# from the UK regional panel and the region file named under provenance: edit the region\n"
      << "# file and rebuild rather than editing this file (docs/regions.md). Tags in the sources:\n"
      << "# V quoted from a source, D computed from published figures, E estimate (how it was made is\n"
      << "# said). Jobs are the panel's filled jobs; the sector split is a BRES composition.\n";
  out << "region: " << quoted(f.region_name) << "\n";
  out << "comparator: " << quoted(f.comparator_name) << "\n";
  out << "base_year: " << b.base_year << "\n\n";

  write_provenance(out, b, command);
  out << "\n";
  write_sectors(out, b);
  out << "\n";
  write_baselines(out, b);
  write_totals(out, b);
  write_history(out, b);
  return out.str();
}

}  // namespace lissim::sim
