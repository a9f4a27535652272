#pragma once
// A table of already formatted cells, printed either aligned for a terminal or as a
// Markdown (GitHub) table for reports.
#include <ostream>
#include <string>
#include <vector>

namespace lissim::sim {

class TextTable {
 public:
  enum class Align { left, right };
  struct Column {
    std::string header;
    Align align = Align::left;
  };

  explicit TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}
  void add(std::vector<std::string> cells);  // one cell per column
  bool empty() const { return rows_.empty(); }

  // Columns padded to their widest cell, two spaces apart, each line indented.
  void print_text(std::ostream& out, const std::string& indent = "  ") const;
  // | a | b | rows, with ---: under right-aligned columns; '|' in cells escaped.
  void print_markdown(std::ostream& out) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace lissim::sim
