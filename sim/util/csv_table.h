#pragma once
// Tidy CSV that pandas, R and Excel read without options: a header row, RFC 4180 quoting
// (fields with commas, quotes or line breaks in double quotes), numbers in the shortest form
// that parses back to the same double (std::to_chars: 0.1, not %.17g's 0.10000000000000001),
// NaN as an empty field (read as NA) and infinities as Inf / -Inf.
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace lissim::sim {

std::string csv_number(double x);
std::string csv_integer(std::int64_t x);
std::string csv_quote(const std::string& field);

class CsvTable {
 public:
  explicit CsvTable(std::vector<std::string> columns) : columns_(std::move(columns)) {}
  // One row of already formatted fields (csv_number / csv_integer / plain text); the width
  // must match the header.
  void add(std::vector<std::string> row);
  void write(std::ostream& out) const;
  std::string text() const;
  std::size_t rows() const { return rows_.size(); }
  const std::vector<std::string>& columns() const { return columns_; }

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace lissim::sim
