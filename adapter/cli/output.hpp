// Terminal output helpers: aligned tables (like Go's tabwriter in lotus-miner), sizes and durations in
// Lotus's style, usage bars, and whether to show progress (a terminal, and not --json).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace sa::adapter {

class Table {
 public:
  explicit Table(std::vector<std::string> header) : rows_{std::move(header)} {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void print(std::ostream& out) const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

// "%.4g %s" with B, KiB, MiB, GiB, TiB (Lotus's SizeStr).
std::string size_str(std::uint64_t bytes);
// "1h51m39.2s" style (Go duration, truncated to 100 ms).
std::string duration_str(double seconds);
// A 64-column bar of '|' for `used` out of `total` (Lotus's BarString).
std::string bar(double used, double total, int width = 64);
bool stderr_is_terminal();

}  // namespace sa::adapter
