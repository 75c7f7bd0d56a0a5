// Tables, sizes, durations and bars.
#include "cli/output.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sa::adapter {

namespace {

// Width on a terminal: UTF-8 code points ("µs", "×" are one column each), not bytes.
std::size_t columns(const std::string& s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  return n;
}

}  // namespace

void Table::print(std::ostream& out) const {
  std::vector<std::size_t> width;
  for (const auto& r : rows_) {
    if (width.size() < r.size()) width.resize(r.size(), 0);
    for (std::size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], columns(r[i]));
  }
  for (const auto& r : rows_) {
    std::string line;
    for (std::size_t i = 0; i < r.size(); ++i) {
      line += r[i];
      if (i + 1 < r.size()) line += std::string(width[i] - columns(r[i]) + 2, ' ');
    }
    out << line << "\n";
  }
}

std::string size_str(std::uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 5) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g %s", v, units[u]);
  return buf;
}

std::string duration_str(double seconds) {
  if (seconds < 0) seconds = 0;
  long tenths = static_cast<long>(std::floor(seconds * 10));
  long h = tenths / 36000, m = (tenths / 600) % 60;
  double s = static_cast<double>(tenths % 600) / 10.0;
  char buf[48];
  if (h > 0) std::snprintf(buf, sizeof buf, "%ldh%ldm%gs", h, m, s);
  else if (m > 0) std::snprintf(buf, sizeof buf, "%ldm%gs", m, s);
  else std::snprintf(buf, sizeof buf, "%gs", s);
  return buf;
}

std::string bar(double used, double total, int width) {
  int n = total > 0 ? static_cast<int>(std::lround(std::clamp(used / total, 0.0, 1.0) * width)) : 0;
  return "[" + std::string(static_cast<std::size_t>(n), '|') + std::string(static_cast<std::size_t>(width - n), ' ') + "]";
}

bool stderr_is_terminal() { return ::isatty(2) == 1; }

}  // namespace sa::adapter
