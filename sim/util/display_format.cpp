#include "sim/util/display_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace lissim::sim {
namespace {

std::string grouped_integer(double x) {
  const long long v = std::llround(std::fabs(x));
  const std::string digits = std::to_string(v);
  std::string text;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) text.push_back(',');
    text.push_back(digits[i]);
  }
  return text;
}

// Four significant figures in plain notation (never 1e-05): 0.0000253, 4.98, 123.4; from
// 1,000 on whole numbers with thousands separators.
std::string magnitude(double x) {
  const double a = std::fabs(x);
  if (a >= 999.95 && a < 1e15) return grouped_integer(a);
  if (a >= 1e15) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.4g", a);
    return buffer;
  }
  const int decimals = std::min(15, std::max(0, 3 - static_cast<int>(std::floor(std::log10(a)))));
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, a);
  std::string text = buffer;
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

}  // namespace

std::string display_number(double x) {
  if (std::isnan(x)) return "-";
  if (x == 0) return "0";
  std::string text(x < 0 ? "-" : "");
  return text += magnitude(x);
}

std::string display_signed(double x) {
  if (std::isnan(x)) return "-";
  if (x == 0) return "0";
  std::string text(x < 0 ? "-" : "+");
  return text += magnitude(x);
}

std::string display_band(const Band& band, bool sign) {
  auto number = [sign](double x) { return sign ? display_signed(x) : display_number(x); };
  if (std::isnan(band.median)) return "-";
  return number(band.median) + " [" + number(band.lo) + ", " + number(band.hi) + "]";
}

std::string display_percent(double p) {
  if (std::isnan(p)) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * p);
  return buffer;
}

std::string display_pp(double difference) {
  if (std::isnan(difference)) return "-";
  if (difference == 0) return "0 pp";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%+.1f pp", 100.0 * difference);
  return buffer;
}

}  // namespace lissim::sim
