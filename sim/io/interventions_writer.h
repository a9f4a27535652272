#pragma once
// Writes /interventions (docs/results.md): per intervention and for the package ("all"), net
// additional jobs and GVA by year, and the appraisal per draw (streamed chunk by chunk) with
// its summaries, which are computed from the file at the end so memory stays bounded.
#include <vector>

#include "sim/engine/monte_carlo.h"
#include "sim/io/draw_summary.h"
#include "sim/io/hdf5_file.h"

namespace lissim::sim {

// Simulated medians outside the range an intervention's evidence type supports (BCR in each
// view, cost per net job locally), one sentence each naming the intervention, range and source.
// `appraisal` as InterventionsWriter::finish returns it.
std::vector<std::string> evidence_result_warnings(const Scenario& scenario,
                                                  const std::vector<AppraisalSummary>& appraisal);

class InterventionsWriter {
 public:
  InterventionsWriter(const H5Group& root, const Simulator& simulator);

  void on_chunk(const ChunkValues& chunk) const;
  // Writes the summaries; returns the appraisal summaries, per intervention (then the package)
  // and view: index intervention * kViewCount + view.
  std::vector<AppraisalSummary> finish(const RunSummary& summary) const;

 private:
  void write_attributes(const H5Group& g, int intervention) const;
  AppraisalSummary finish_appraisal(int intervention, models::View view) const;

  const Scenario& scenario_;
  SeriesLayout layout_;
  std::vector<H5Group> groups_;               // per intervention, then "all"
  std::vector<H5Group> appraisal_groups_;     // per intervention and view
  std::vector<H5Dataset> draw_datasets_;      // SeriesLayout::draw_value_index order
};

}  // namespace lissim::sim
