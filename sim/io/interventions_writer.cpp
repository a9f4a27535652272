#include "sim/io/interventions_writer.h"

#include <cmath>
#include <cstdio>

#include "sim/io/draw_summary.h"
#include "sim/io/series_summary_writer.h"

namespace lissim::sim {
namespace {

using models::AppraisalMeasure;
using models::View;

constexpr const char* kAppraisalGroups[] = {"appraisal", "appraisal_national"};
constexpr const char* kViewNames[] = {"local", "national"};

hsize_t h(Eigen::Index n) { return static_cast<hsize_t>(n); }

// A number for a sentence: up to ten significant digits, no trailing zeros.
std::string number(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", x);
  return text;
}

}  // namespace

InterventionsWriter::InterventionsWriter(const H5Group& root, const Simulator& simulator)
    : scenario_(simulator.scenario()), layout_(simulator.layout()) {
  const std::vector<std::string> bands(models::kVfmBandNames.begin(), models::kVfmBandNames.end());
  const H5Dataset band_scale = root.write("vfm_bands", bands);
  band_scale.set_units("", "Value-for-money bands of the vfm_band_probability datasets (BCR edges 1, 1.5, 2, 4)");
  band_scale.make_scale("band");
  H5Group all = root.group("interventions");
  const auto n = static_cast<int>(scenario_.interventions.size());
  for (int i = 0; i <= n; ++i) {
    groups_.push_back(all.group(i < n ? scenario_.interventions[static_cast<std::size_t>(i)].design.id : "all"));
    write_attributes(groups_.back(), i);
    for (const View v : {View::local, View::national}) {
      H5Group g = groups_.back().group(kAppraisalGroups[static_cast<int>(v)]);
      g.attribute("view", std::string(kViewNames[static_cast<int>(v)]));
      g.attribute("discount_rate", scenario_.discount_rate);
      g.attribute("price_base_year", static_cast<std::int64_t>(scenario_.base_year()));
      g.attribute("discount_base_year", static_cast<std::int64_t>(scenario_.base_year()));
      g.attribute("appraisal_years", std::vector<int>{scenario_.base_year() + 1, scenario_.appraisal_end_year});
      g.attribute("geography", std::string(v == View::local ? "LEP area (the scenario's region)" : "United Kingdom"));
      g.attribute("jobs_measure", std::string("net additional jobs: workplace jobs of the jobs channel plus residents "
                                              "moved into work by the employment channel; peak and job-years"));
      g.attribute("after_horizon", std::string("effects follow their timing past the horizon, valued at the "
                                               "horizon's counterfactual sector jobs and GVA per hour"));
      g.attribute("labour_supply_valuation",
                  std::string("residents moved into work x GVA per job (hours x GVA per hour) of the "
                              "intervention's sectors, or of the region's average job without sectors"));
      if (i < n) {
        const InterventionIndex& x = scenario_.interventions[static_cast<std::size_t>(i)].index;
        g.attribute("optimism_bias", scenario_.parameters.at(x.optimism_bias).distribution.describe() + " % of cost");
        g.attribute("benefit_shortfall", x.benefit_shortfall >= 0
                                             ? scenario_.parameters.at(x.benefit_shortfall).distribution.describe() +
                                                   " % of benefits"
                                             : std::string("none"));
      } else {
        g.attribute("optimism_bias", std::string("each intervention's own"));
        g.attribute("benefit_shortfall", std::string("each intervention's own"));
      }
      for (int m = 0; m < models::kAppraisalMeasureCount; ++m) {
        const auto& info = models::appraisal_measure_info(static_cast<AppraisalMeasure>(m));
        H5Dataset d = g.create_chunked(std::string(info.name), h(scenario_.draws));
        d.set_units(std::string(info.units), std::string(info.description) + ", per draw");
        d.set_dims({"draw"});
        draw_datasets_.push_back(std::move(d));
      }
      appraisal_groups_.push_back(std::move(g));
    }
  }
}

void InterventionsWriter::write_attributes(const H5Group& g, int i) const {
  const auto n = static_cast<int>(scenario_.interventions.size());
  Eigen::ArrayXd spend = Eigen::ArrayXd::Zero(layout_.years);
  std::array<bool, models::kChannelCount> has{};
  for (int j = 0; j < n; ++j) {
    if (i < n && j != i) continue;
    const Intervention& x = scenario_.interventions[static_cast<std::size_t>(j)];
    spend += x.design.spend;
    for (std::size_t c = 0; c < has.size(); ++c) has[c] = has[c] || x.design.has_channel[c];
  }
  const bool package = i == n;
  const Intervention* x = package ? nullptr : &scenario_.interventions[static_cast<std::size_t>(i)];
  g.attribute("name", package ? std::string("All interventions together") : x->name);
  g.attribute("foundation", package ? std::string("") : x->foundation);
  g.attribute("source", package ? std::string("") : x->source);
  g.attribute("evidence_type", package || !x->evidence ? std::string("") : x->evidence->type);
  g.attribute("evidence_file", package || !x->evidence ? std::string("") : x->evidence->file);
  std::vector<std::string> channels;
  for (std::size_t c = 0; c < has.size(); ++c)
    if (has[c]) channels.emplace_back(models::channel_name(static_cast<models::Channel>(c)));
  g.attribute("channels", channels);
  g.attribute("spend_gbp_m", std::vector<double>(spend.begin(), spend.end()));
  g.attribute("total_spend_gbp_m", spend.sum());
}

void InterventionsWriter::on_chunk(const ChunkValues& chunk) const {
  for (std::size_t k = 0; k < draw_datasets_.size(); ++k)
    draw_datasets_[k].write_rows(chunk.first_draw, h(chunk.draws), chunk.draw_values[k].data());
}

std::vector<AppraisalSummary> InterventionsWriter::finish(const RunSummary& summary) const {
  struct SeriesInfo {
    InterventionSeries series;
    const char* name;
    const char* units;
    const char* description;
  };
  const SeriesInfo infos[] = {
      {InterventionSeries::jobs_local, "net_additional_jobs", "persons",
       "Net additional jobs (jobs channel) plus residents moved into work (employment channel), local view"},
      {InterventionSeries::jobs_national, "net_additional_jobs_national", "persons",
       "Net additional jobs plus residents moved into work, UK view"},
      {InterventionSeries::gva_local, "net_additional_gva", "GBP m a year (base-year prices)",
       "Net additional GVA (Shapley attribution of the scenario's GVA gain, plus the GVA of the work taken by "
       "residents moved into work), local view"},
      {InterventionSeries::gva_national, "net_additional_gva_national", "GBP m a year (base-year prices)",
       "Net additional GVA, UK view"},
  };
  for (int i = 0; i < layout_.interventions; ++i) {
    for (const SeriesInfo& s : infos) {
      const SeriesSummary& values = summary.series[static_cast<std::size_t>(layout_.intervention_series(i, s.series))];
      write_series_summary(groups_[static_cast<std::size_t>(i)].group(s.name), values, summary.draws, s.units,
                           s.description);
    }
  }
  std::vector<AppraisalSummary> appraisal;
  for (int i = 0; i < layout_.interventions; ++i)
    for (const View v : {View::local, View::national}) appraisal.push_back(finish_appraisal(i, v));
  const std::vector<std::string> warnings = evidence_result_warnings(scenario_, appraisal);
  for (std::size_t i = 0; i < scenario_.interventions.size(); ++i) {
    std::vector<std::string> own = scenario_.interventions[i].warnings;
    const std::string who = "intervention " + scenario_.interventions[i].design.id + " ";
    for (const auto& w : warnings)
      if (w.compare(0, who.size(), who) == 0) own.push_back(w);
    groups_[i].attribute("warnings", own.empty() ? std::vector<std::string>{""} : own);
  }
  return appraisal;
}

std::vector<std::string> evidence_result_warnings(const Scenario& scenario,
                                                  const std::vector<AppraisalSummary>& appraisal) {
  std::vector<std::string> out;
  constexpr std::size_t kMedian = 3;
  for (std::size_t i = 0; i < scenario.interventions.size(); ++i) {
    const Intervention& x = scenario.interventions[i];
    if (!x.evidence) continue;
    const std::string who = "intervention " + x.design.id + " (evidence type " + x.evidence->type + "): simulated median ";
    auto check = [&](const EvidenceRange& range, double value, const std::string& what, const char* unit) {
      if (!range.given() || std::isnan(value) || (value >= range.min && value <= range.max)) return;
      out.push_back(who + what + " " + number(std::round(value * 100) / 100) + " is outside the range the evidence supports, " +
                    unit + number(range.min) + " to " + unit + number(range.max) + " (" + range.source + ")");
    };
    for (const View v : {View::local, View::national}) {
      const AppraisalSummary& a = appraisal[i * models::kViewCount + static_cast<std::size_t>(v)];
      check(x.evidence->bcr[static_cast<std::size_t>(v)], a[AppraisalMeasure::bcr].quantiles[kMedian],
            std::string("BCR (") + kViewNames[static_cast<int>(v)] + " view)", "");
    }
    const AppraisalSummary& local = appraisal[i * models::kViewCount];
    check(x.evidence->cost_per_net_job, std::round(local[AppraisalMeasure::cost_per_net_job].quantiles[kMedian]),
          "cost per net job (undiscounted public cost / peak net local jobs)", "GBP ");
  }
  return out;
}

AppraisalSummary InterventionsWriter::finish_appraisal(int i, View v) const {
  AppraisalSummary out{};
  const H5Group& g = appraisal_groups_[static_cast<std::size_t>(i * models::kViewCount + static_cast<int>(v))];
  for (int m = 0; m < models::kAppraisalMeasureCount; ++m) {
    const auto measure = static_cast<AppraisalMeasure>(m);
    const H5Dataset& d = draw_datasets_[static_cast<std::size_t>(layout_.draw_value_index(i, v, measure))];
    std::vector<double> values = d.read_vector();
    if (measure == AppraisalMeasure::bcr) {
      out.vfm_band_probability = vfm_band_probabilities(values);
      const auto& p = out.vfm_band_probability;
      const std::vector<double> probabilities(p.begin(), p.end());
      H5Dataset bands = g.write("vfm_band_probability", {h(models::kVfmBandCount)}, probabilities.data());
      bands.set_units("1", "Probability that the BCR falls in each value-for-money band, over draws with a BCR");
      bands.attribute("bands", std::vector<std::string>(models::kVfmBandNames.begin(), models::kVfmBandNames.end()));
      bands.set_dims({"band"});
      bands.attribute("bcr_edges", std::vector<double>(models::kVfmBcrEdges.begin(), models::kVfmBcrEdges.end()));
    }
    const DrawSummary s = summarise_draws(std::move(values));
    d.attribute("mean", s.mean);
    d.attribute("quantiles", std::vector<double>(s.quantiles.begin(), s.quantiles.end()));
    d.attribute("defined_fraction", s.defined_fraction);
    out.measures[static_cast<std::size_t>(m)] = s;
  }
  return out;
}

}  // namespace lissim::sim
