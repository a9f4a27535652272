#include "sim/util/csv_table.h"

#include <charconv>

#include <cmath>
#include <cstdio>
#include <sstream>

#include "sim/errors.h"

namespace lissim::sim {

std::string csv_number(double x) {
  if (std::isnan(x)) return "";
  if (std::isinf(x)) return x > 0 ? "Inf" : "-Inf";
  // The shortest text that parses back to the same double: 0.1, not 0.10000000000000001.
  char buffer[40];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, x).ptr;
  return std::string(buffer, end);
}

std::string csv_integer(std::int64_t x) { return std::to_string(x); }

std::string csv_quote(const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string quoted = "\"";
  for (const char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

void CsvTable::add(std::vector<std::string> row) {
  if (row.size() != columns_.size())
    throw Error(ExitCode::internal,
                "CSV row has " + std::to_string(row.size()) + " fields, header " + std::to_string(columns_.size()));
  rows_.push_back(std::move(row));
}

void CsvTable::write(std::ostream& out) const {
  auto line = [&out](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << csv_quote(fields[i]);
    out << '\n';
  };
  line(columns_);
  for (const auto& row : rows_) line(row);
}

std::string CsvTable::text() const {
  std::ostringstream out;
  write(out);
  return out.str();
}

}  // namespace lissim::sim
