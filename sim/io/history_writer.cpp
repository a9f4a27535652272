#include "sim/io/history_writer.h"

#include <map>

namespace lissim::sim {
namespace {

void write_series(const H5Group& g, const HistorySeries& h, const std::string& name) {
  const std::string axis = "history/" + name + "/year";
  const H5Dataset years = g.write("years", h.years);
  years.set_units("year", "Years of the published series " + name);
  years.make_scale(axis);
  const std::pair<const char*, const std::vector<double>*> sets[] = {
      {"region", &h.region}, {"comparator", &h.comparator}, {"uk", &h.uk}};
  for (const auto& [who, values] : sets) {
    const H5Dataset d = g.write(who, {values->size()}, values->data());
    d.set_units(h.unit, std::string("Published ") + name + ", " + who + ", up to the base year");
    d.set_dims({axis});
    d.attribute("source", h.source);
  }
}

}  // namespace

void write_history(const H5Group& root, const std::vector<HistorySeries>& history) {
  if (history.empty()) return;
  const H5Group group = root.group("history");
  // A series' total and its sectors share the group /history/<id> (sectors in subgroups).
  std::map<std::string, H5Group> by_id;
  for (const HistorySeries& h : history) {
    auto it = by_id.find(h.id);
    if (it == by_id.end()) it = by_id.emplace(h.id, group.group(h.id)).first;
    if (h.sector.empty())
      write_series(it->second, h, h.id);
    else
      write_series(it->second.group(h.sector), h, h.id + "/" + h.sector);
  }
}

}  // namespace lissim::sim
