#pragma once
// Writes a run to the HDF5 results layout of docs/results.md (format 2.1).
// With --keep-samples the parameter samples, and with --keep-draws every indicator's draws,
// stream to the file chunk by chunk during the run; summaries are written at the end.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/engine/monte_carlo.h"
#include "sim/engine/run_footprint.h"
#include "sim/io/hdf5_file.h"
#include "sim/io/interventions_writer.h"
#include "sim/io/parameter_samples.h"

namespace lissim::sim {

// The format every lissim file is written in (results, sweep, Sobol, sensitivity); readers
// accept majors kOldestFormatMajor..kFormatMajor. 2.0 added dimension scales; results files
// are 2.1, where /parameters/samples is optional (docs/results.md).
inline constexpr int kFormatMajor = 2;
inline constexpr int kFormatMinor = 0;
inline constexpr int kResultsFormatMinor = 1;
inline constexpr int kOldestFormatMajor = 1;
inline constexpr const char* kFiletype = "lissim-results";

class ResultsWriter : public ChunkSink {
 public:
  // keep_draws: every indicator's draws; keep_samples: /parameters/samples (without, only
  // their checksum, so that readers can draw them again and check them: parameter_samples.h).
  ResultsWriter(const std::string& path, const Simulator& simulator, bool keep_draws, bool keep_samples = false);
  ~ResultsWriter() override;

  bool wants_series() const override { return keep_draws_; }
  void on_chunk(const ChunkValues& chunk) override;
  // Writes the summaries and closes the file; returns the appraisal summaries
  // (InterventionsWriter::finish), empty without interventions.
  std::vector<AppraisalSummary> finish(const RunSummary& summary);

  // What a run writing this file needs (the resource guard): the engine's memory, the appraisal
  // draws read back for their exact quantiles, and the rows streamed per draw.
  static RunFootprint footprint(const Simulator& simulator, int threads, bool keep_draws, bool keep_samples = false);

 private:
  void write_root_attributes();
  struct PathGroups;
  void write_path(const RunSummary& summary, int path, const PathGroups& groups);
  void write_targets(const RunSummary& summary);

  // The groups of one path (/scenario, /counterfactual or /effect).
  struct PathGroups {
    H5Group group;
    std::vector<H5Group> indicators;  // <path>/indicators/<name>
    std::vector<H5Dataset> draws;     // <path>/indicators/<name>/draws, with --keep-draws
  };

  const Simulator& simulator_;
  const Scenario& scenario_;
  bool keep_draws_;
  std::unique_ptr<H5OutputFile> file_;
  std::vector<PathGroups> paths_;
  std::unique_ptr<H5Group> parameters_;  // /parameters
  std::unique_ptr<H5Dataset> samples_;   // /parameters/samples, with keep_samples
  SamplesChecksum checksum_;             // of every draw's samples, kept or not
  std::unique_ptr<InterventionsWriter> interventions_;
  // Per target flag (SeriesLayout::met_index), whether each draw met it in the deadline year,
  // packed 8 draws to a byte (draw d is bit d % 8 of byte d / 8).
  std::vector<std::vector<std::uint8_t>> met_bits_;
};

}  // namespace lissim::sim
