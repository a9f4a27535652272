#include "sim/compare/comparison_appraisal.h"

#include <algorithm>

#include "sim/errors.h"

namespace lissim::sim {
namespace {

const std::vector<std::string> kDefaultVfmBands{"poor", "low", "medium", "high", "very high"};
// Appraisal measures in the order a reader expects them (the decision first); others follow by name.
const std::vector<std::string> kAppraisalOrder{
    "npv", "bcr", "benefit_pv", "cost_pv", "cost_per_net_job", "cost_per_net_job_year"};

std::vector<double> per_draw(const ComparedResults& f, const std::string& dataset) {
  if (!f.has(dataset)) return {};
  const NumericArray array = f.reader->numbers(dataset);
  if (array.shape.size() != 1)
    throw InputError(f.reader->path() + ": damaged results file: " + dataset + " is not [draw]");
  return array.values;
}

std::vector<std::string> appraisal_measures(const ComparedResults& f, const std::string& group) {
  std::vector<std::string> measures;
  for (const auto& name : f.members_if_group(group))
    if (name != "vfm_band_probability" && f.reader->shape(group + "/" + name).size() == 1) measures.push_back(name);
  return measures;
}

AppraisalCell appraisal_cell(const ComparedResults& f, const std::string& id) {
  AppraisalCell cell;
  const std::string group = "/interventions/" + id + "/appraisal";
  if (!f.reader->is_group(group)) return cell;
  cell.present = true;
  cell.npv = band_of(per_draw(f, group + "/npv"));
  const std::vector<double> bcr = per_draw(f, group + "/bcr");
  cell.bcr = band_of(bcr);
  cell.prob_bcr_at_least_one = defined_share(bcr, [](double x) { return x >= 1.0; });
  cell.cost_per_net_job_median = band_of(per_draw(f, group + "/cost_per_net_job")).median;
  if (f.has(group + "/vfm_band_probability")) cell.vfm = f.reader->numbers(group + "/vfm_band_probability").values;
  return cell;
}

}  // namespace

void compare_appraisal(const std::vector<ComparedResults>& files, Comparison& out) {
  std::vector<std::vector<std::string>> ids;
  for (const auto& f : files) ids.push_back(f.members_if_group("/interventions"));
  const std::vector<std::string> all_ids = union_of(ids, listed_ids(files, {"interventions"}), "all");
  out.vfm_bands = kDefaultVfmBands;
  for (const auto& id : all_ids) {
    AppraisalRow row{id, {}};
    for (const auto& f : files) {
      row.per_file.push_back(appraisal_cell(f, id));
      const std::string group = "/interventions/" + id + "/appraisal";
      const std::string vfm = group + "/vfm_band_probability";
      if (f.has(vfm) && f.reader->has_attribute(vfm, "bands")) out.vfm_bands = f.reader->texts_attribute(vfm, "bands");
      if (out.npv_units.empty() && f.has(group + "/npv") && f.reader->has_attribute(group + "/npv", "units"))
        out.npv_units = f.reader->text_attribute(group + "/npv", "units");
      if (out.cost_per_net_job_units.empty() && f.has(group + "/cost_per_net_job") &&
          f.reader->has_attribute(group + "/cost_per_net_job", "units"))
        out.cost_per_net_job_units = f.reader->text_attribute(group + "/cost_per_net_job", "units");
    }
    out.appraisal.push_back(std::move(row));
  }
}

void pair_appraisal(const std::vector<ComparedResults>& files, std::size_t b, Comparison& out) {
  const ComparedResults& first = files[0];
  const ComparedResults& other = files[b];
  const auto in_other = other.members_if_group("/interventions");
  for (const auto& row : out.appraisal) {
    if (std::find(in_other.begin(), in_other.end(), row.intervention) == in_other.end()) continue;
    const std::string group = "/interventions/" + row.intervention + "/appraisal";
    const auto measures_b = appraisal_measures(other, group);
    for (const auto& measure : in_preferred_order(appraisal_measures(first, group), kAppraisalOrder)) {
      if (std::find(measures_b.begin(), measures_b.end(), measure) == measures_b.end()) continue;
      const auto a = per_draw(first, group + "/" + measure);
      const auto values = per_draw(other, group + "/" + measure);
      if (a.size() != values.size()) continue;  // pairing already requires equal draws
      const Direction direction = appraisal_direction(measure);
      out.paired.push_back(
          PairedRow{row.intervention, measure, 0, b, direction, paired_statistics(a, values, direction)});
    }
  }
}

}  // namespace lissim::sim
