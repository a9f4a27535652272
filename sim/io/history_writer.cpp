#include "sim/io/history_writer.h"

namespace lissim::sim {

void write_history(const H5Group& root, const std::vector<HistorySeries>& history) {
  if (history.empty()) return;
  const H5Group group = root.group("history");
  for (const HistorySeries& h : history) {
    const std::string name = h.sector.empty() ? h.id : h.id + "/" + h.sector;
    const H5Group g = h.sector.empty() ? group.group(h.id) : group.group(h.id).group(h.sector);
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
}

}  // namespace lissim::sim
