#include "sim/util/text_table.h"

#include <algorithm>

#include "sim/errors.h"

namespace lissim::sim {
namespace {

// Display width in characters: counts UTF-8 lead bytes, so "£" or "–" count once.
std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (const char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  return width;
}

std::string markdown_cell(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

}  // namespace

void TextTable::add(std::vector<std::string> cells) {
  if (cells.size() != columns_.size())
    throw Error(ExitCode::internal,
                "table row has " + std::to_string(cells.size()) + " cells, header " + std::to_string(columns_.size()));
  rows_.push_back(std::move(cells));
}

void TextTable::print_text(std::ostream& out, const std::string& indent) const {
  std::vector<std::size_t> widths;
  for (const auto& column : columns_) widths.push_back(display_width(column.header));
  for (const auto& row : rows_)
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], display_width(row[i]));
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text = indent;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const std::string pad(widths[i] - display_width(cells[i]), ' ');
      if (i > 0) text += "  ";
      text += columns_[i].align == Align::right ? pad + cells[i] : cells[i] + pad;
    }
    text.erase(text.find_last_not_of(' ') + 1);
    out << text << '\n';
  };
  std::vector<std::string> headers;
  for (const auto& column : columns_) headers.push_back(column.header);
  line(headers);
  for (const auto& row : rows_) line(row);
}

void TextTable::print_markdown(std::ostream& out) const {
  out << '|';
  for (const auto& column : columns_) out << ' ' << markdown_cell(column.header) << " |";
  out << "\n|";
  for (const auto& column : columns_) out << (column.align == Align::right ? "---:|" : "---|");
  out << '\n';
  for (const auto& row : rows_) {
    out << '|';
    for (const auto& cell : row) out << ' ' << markdown_cell(cell) << " |";
    out << '\n';
  }
}

}  // namespace lissim::sim
