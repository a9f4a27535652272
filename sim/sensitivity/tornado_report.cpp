#include "sim/sensitivity/tornado_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "sim/util/csv_table.h"
#include "sim/util/text_table.h"

namespace lissim::sim {
namespace {

constexpr int kBarWidth = 20;

std::string signed_fixed(double x, int decimals) {
  if (std::isnan(x)) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%+.*f", decimals, x);
  return buffer;
}

std::string interval(const Coefficient& c) {
  // Appended piece by piece: GCC 12 warns falsely (-Wrestrict, PR 105329) on "[" + string.
  std::string text("[");
  text += signed_fixed(c.low, 2);
  text += ", ";
  text += signed_fixed(c.high, 2);
  text += ']';
  return text;
}

// The tornado bar: |PRCC| as a run of '+' (output rises with the parameter) or '-'.
std::string bar(double prcc) {
  if (std::isnan(prcc)) return "";
  const auto length = static_cast<std::size_t>(std::lround(std::fabs(prcc) * kBarWidth));
  return std::string(length, prcc >= 0 ? '+' : '-');
}

std::string level(double confidence) { return std::to_string(static_cast<int>(std::lround(confidence * 100))) + "%"; }

void print_one(std::ostream& out, const ExplainedOutput& explained) {
  const DrawOutput& output = explained.output;
  const RegressionSensitivity& s = explained.sensitivity;
  out << output.request.label();
  if (!output.units.empty()) out << " (" << output.units << ")";
  out << ": " << s.rows_used << " draws";
  char r2[96];
  std::snprintf(r2, sizeof r2, ", R^2 %.3f linear, %.3f on ranks", s.r2_linear, s.r2_rank);
  out << r2 << "\n";
  TextTable table({{"parameter", TextTable::Align::left},
                   {"PRCC", TextTable::Align::right},
                   {level(s.confidence) + " CI", TextTable::Align::left},
                   {"SRC", TextTable::Align::right},
                   {level(s.confidence) + " CI", TextTable::Align::left},
                   {"", TextTable::Align::left}});
  for (const std::size_t j : tornado_order(s)) {
    if (!s.kept[j]) continue;
    table.add({s.names[j], signed_fixed(s.prcc[j].value, 3), interval(s.prcc[j]), signed_fixed(s.src[j].value, 3),
               interval(s.src[j]), bar(s.prcc[j].value)});
  }
  table.print_text(out);
  if (s.rows_dropped > 0)
    out << "  note: " << s.rows_dropped << " draws where the output or a parameter is undefined were left out\n";
  if (!s.dropped_parameters.empty()) {
    out << "  note: constant in every draw, so not ranked:";
    for (const auto& name : s.dropped_parameters) out << " " << name;
    out << "\n";
  }
  if (s.r2_linear < 0.7)
    out << "  note: the linear fit explains " << std::lround(100 * s.r2_linear)
        << "% of the variance; read SRCs with care and rely on PRCC (monotone) ranks\n";
  if (s.r2_rank < 0.5)
    out << "  note: the rank fit explains " << std::lround(100 * s.r2_rank)
        << "% of the variance; much of the spread comes from the random shocks or non-monotone effects\n";
}

}  // namespace

std::vector<std::size_t> tornado_order(const RegressionSensitivity& s) {
  std::vector<std::size_t> order(s.names.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  const auto key = [&](std::size_t j) { return std::isnan(s.prcc[j].value) ? -1.0 : std::fabs(s.prcc[j].value); };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
  return order;
}

void print_tornado_text(std::ostream& out, const std::vector<ExplainedOutput>& outputs) {
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    if (i > 0) out << "\n";
    print_one(out, outputs[i]);
  }
}

void print_tornado_csv(std::ostream& out, const std::vector<ExplainedOutput>& outputs) {
  CsvTable table({"output", "source", "parameter", "rank", "prcc", "prcc_low", "prcc_high", "prcc_p_value", "src",
                  "src_low", "src_high", "src_p_value", "r2_linear", "r2_rank", "draws_used", "draws_dropped",
                  "confidence"});
  for (const auto& explained : outputs) {
    const RegressionSensitivity& s = explained.sensitivity;
    std::int64_t rank = 0;
    for (const std::size_t j : tornado_order(s)) {
      const Coefficient& p = s.prcc[j];
      const Coefficient& c = s.src[j];
      table.add({csv_quote(explained.output.request.label()), csv_quote(explained.output.source), csv_quote(s.names[j]),
                 s.kept[j] ? csv_integer(++rank) : "", csv_number(p.value), csv_number(p.low), csv_number(p.high),
                 csv_number(p.p_value), csv_number(c.value), csv_number(c.low), csv_number(c.high),
                 csv_number(c.p_value), csv_number(s.r2_linear), csv_number(s.r2_rank),
                 csv_integer(static_cast<std::int64_t>(s.rows_used)),
                 csv_integer(static_cast<std::int64_t>(s.rows_dropped)), csv_number(s.confidence)});
    }
  }
  table.write(out);
}

}  // namespace lissim::sim
