#pragma once
// A results file opened for `lissim compare`, with what every part of the comparison looks
// up: the embedded scenario, the years and the rows of the 5%, 50% and 95% quantiles.
#include <memory>
#include <string>
#include <vector>

#include "sim/io/embedded_scenario.h"
#include "sim/io/results_reader.h"

namespace lissim::sim {

struct ComparedResults {
  std::unique_ptr<ResultsReader> reader;
  EmbeddedScenario scenario;
  std::vector<int> years;
  std::size_t q05 = 0, q50 = 0, q95 = 0;  // rows of the quantiles datasets

  // The year's column in per-year datasets; -1 if the file does not cover it.
  int year_index(int year) const;
  bool has(const std::string& object) const { return reader->exists(object); }
  std::vector<std::string> members_if_group(const std::string& group) const;
};

// Opens and checks one file (InputError naming it if it is not a readable results file).
ComparedResults open_compared(const std::string& path);

// Union of the names present in the files, in the preferred order, then by name; `last`
// (e.g. "all") at the end when any file has it.
std::vector<std::string> union_of(const std::vector<std::vector<std::string>>& per_file,
                                  const std::vector<std::string>& preferred, const std::string& last = "");

// The ids the files' scenarios list under a key path, A's first, in their order.
std::vector<std::string> listed_ids(const std::vector<ComparedResults>& files,
                                    const std::vector<std::string>& key_path);

}  // namespace lissim::sim
