#pragma once
// Read access to a results file (docs/results.md) for the commands that consume one
// (compare, export). Opening checks what every reader must check first: that the file is
// HDF5, its `filetype` is "lissim-results" and its major `format_version` is 1 or 2. Any failure
// - missing, not HDF5, truncated, wrong type or version, an object missing or misshapen -
// is an InputError naming the file (exit 2): to the user it is a bad input, never an HDF5
// error stack.
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sim/io/hdf5_file.h"

namespace lissim::sim {

// A numeric dataset converted to double, in C (row-major) order.
struct NumericArray {
  std::vector<hsize_t> shape;
  std::vector<double> values;

  std::size_t rows() const { return shape.empty() ? 1 : static_cast<std::size_t>(shape[0]); }
  std::size_t cols() const { return shape.size() < 2 ? 1 : static_cast<std::size_t>(shape[1]); }
  double at(std::size_t row, std::size_t col) const { return values[row * cols() + col]; }
};

// An attribute of any type lissim writes: strings, integers or floating point, scalar or 1-D.
struct AttributeValue {
  enum class Kind { text, integer, real } kind = Kind::text;
  bool scalar = true;
  std::vector<std::string> texts;
  std::vector<std::int64_t> integers;
  std::vector<double> reals;
};

class ResultsReader {
 public:
  // Opens read-only and checks filetype and format version: a results file, or one of
  // `filetypes` (lissim-sweep, lissim-sobol, ...: `lissim export` reads every kind).
  explicit ResultsReader(const std::string& path, std::vector<std::string> filetypes = {"lissim-results"});
  ResultsReader(const ResultsReader&) = delete;
  ResultsReader& operator=(const ResultsReader&) = delete;
  ResultsReader(ResultsReader&&) = default;
  ResultsReader& operator=(ResultsReader&&) = default;

  const std::string& path() const { return path_; }
  const std::string& filetype() const { return filetype_; }

  // Objects are named by absolute paths such as "/targets/all".
  bool exists(const std::string& object) const;
  bool is_group(const std::string& object) const;
  // Names of a group's members, sorted by name (HDF5's name index).
  std::vector<std::string> members(const std::string& group) const;

  bool has_attribute(const std::string& object, const std::string& name) const;
  std::vector<std::string> attribute_names(const std::string& object) const;  // sorted by name
  AttributeValue attribute(const std::string& object, const std::string& name) const;
  std::string text_attribute(const std::string& object, const std::string& name) const;
  double real_attribute(const std::string& object, const std::string& name) const;
  std::int64_t integer_attribute(const std::string& object, const std::string& name) const;
  std::vector<double> reals_attribute(const std::string& object, const std::string& name) const;
  std::vector<std::string> texts_attribute(const std::string& object, const std::string& name) const;

  NumericArray numbers(const std::string& dataset) const;
  // One column of a 2-D numeric dataset, read by hyperslab (draws datasets can be large).
  std::vector<double> column(const std::string& dataset, std::size_t col) const;
  std::vector<std::string> texts(const std::string& dataset) const;
  std::vector<hsize_t> shape(const std::string& dataset) const;

 private:
  [[noreturn]] void damaged(const std::string& what) const;
  H5Handle open_object(const std::string& object) const;
  H5Handle open_dataset(const std::string& dataset) const;
  H5Handle open_attribute(const std::string& object, const std::string& name) const;
  void check_format();

  std::string path_;
  std::vector<std::string> filetypes_;
  std::string filetype_;
  H5Handle file_;
};

}  // namespace lissim::sim
