// The parts of baseline.yaml that record where the base year came from, beside the model's
// base-year state: provenance, region_totals and history (written by lissim build-region;
// a hand-made baseline may leave them out).
#include "sim/config/section_readers.h"

namespace lissim::sim {
namespace {

// Provenance is a record for people: any map, read as text.
void read_record(ValueReader& r, const ConfigNode& node) {
  if (node.is_map()) {
    for (const auto& key : node.keys()) read_record(r, *node.get(key));
  } else if (node.is_sequence()) {
    for (std::size_t i = 0; i < node.size(); ++i) read_record(r, node.at(i));
  } else if (node.is_scalar()) {
    r.text(node);
  }
}

std::vector<double> number_list(ValueReader& r, const ConfigNode& node) {
  std::vector<double> out;
  if (!r.expect_list(node)) return out;
  for (std::size_t i = 0; i < node.size(); ++i) out.push_back(r.number(node.at(i)).value_or(0.0));
  return out;
}

void read_history(ValueReader& r, const ConfigNode& node, std::vector<HistorySeries>& out) {
  if (!r.expect_map(node)) return;
  const ConfigNode* list = r.required(node, "series");
  if (!list || !r.expect_list(*list)) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const ConfigNode& s = list->at(i);
    if (!r.expect_map(s)) continue;
    HistorySeries h;
    if (const ConfigNode* n = r.required(s, "id")) h.id = r.identifier(*n).value_or("");
    if (const ConfigNode* n = s.get("sector")) h.sector = r.identifier(*n).value_or("");
    if (const ConfigNode* n = r.required(s, "unit")) h.unit = r.text(*n).value_or("");
    require_source(r, s);
    if (const ConfigNode* n = s.get("source")) h.source = r.text(*n).value_or("");
    const ConfigNode* years = r.required(s, "years");
    if (years && r.expect_list(*years)) {
      for (std::size_t k = 0; k < years->size(); ++k) {
        const auto year = r.integer(years->at(k), 1900, 2200);
        if (year && !h.years.empty() && *year <= h.years.back())
          r.error(years->at(k), "got " + years->at(k).scalar() + ", years must increase");
        h.years.push_back(static_cast<int>(year.value_or(0)));
      }
    }
    for (const auto& [key, values] : {std::pair{"region", &h.region}, {"comparator", &h.comparator}, {"uk", &h.uk}}) {
      const ConfigNode* n = r.required(s, key);
      if (!n) continue;
      *values = number_list(r, *n);
      if (values->size() != h.years.size())
        r.error(*n, "got " + std::to_string(values->size()) + " values for " + std::to_string(h.years.size()) +
                        " years, must give one a year");
    }
    out.push_back(std::move(h));
  }
}

}  // namespace

void read_baseline_record(ValueReader& r, const ConfigNode& node, Scenario& scenario) {
  if (!node.is_map()) return;  // read_baseline reports it
  if (const ConfigNode* n = node.get("provenance")) read_record(r, *n);
  if (const ConfigNode* totals = node.get("region_totals"); totals && r.expect_map(*totals)) {
    require_source(r, *totals);
    for (const char* key : {"filled_jobs", "hours_worked_per_week", "gva_per_hour", "gva_current_price_gbp_m",
                            "private_density", "better_jobs_share", "sep_jobs"})
      if (const ConfigNode* n = totals->get(key)) r.number(*n, Range::non_negative());
    if (const ConfigNode* n = totals->get("sep_jobs_per_filled_job"))
      scenario.sep_jobs_per_filled_job = r.number(*n, Range::positive()).value_or(0.0);
  }
  if (const ConfigNode* n = node.get("history")) read_history(r, *n, scenario.history);
}

}  // namespace lissim::sim
