#pragma once
// Prints a Comparison (comparison.h) for people - an aligned table for a terminal or
// Markdown tables for reports - or as tidy CSV, one number per row, for scripts.
#include <ostream>

#include "sim/compare/comparison.h"
#include "sim/util/csv_table.h"

namespace lissim::sim {

enum class ReportFormat { text, markdown, csv };

void print_comparison(std::ostream& out, const Comparison& comparison, ReportFormat format);

// Columns: section, item, measure, units, year, file, statistic, value, note.
CsvTable comparison_csv(const Comparison& comparison);

}  // namespace lissim::sim
