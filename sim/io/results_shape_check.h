#pragma once
// Every dataset of a results file against the file's own sizes (docs/results.md): draws N,
// years Y (base_year..horizon), sectors S, quantile levels Q, parameters K. A dataset of the
// wrong shape is a damaged file (InputError naming file and dataset), never a value read past
// its end or shown as a silent zero. Datasets the format does not name are left alone.
namespace lissim::sim {

class ResultsReader;

void check_results_shapes(const ResultsReader& file);

}  // namespace lissim::sim
