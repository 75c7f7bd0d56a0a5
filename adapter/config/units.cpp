// Size and walltime parsing/formatting (units.hpp). Walltime forms follow Slurm's time_str2mins
// (src/common/parse_time.c): minutes, minutes:seconds, hours:minutes:seconds, days-hours,
// days-hours:minutes, days-hours:minutes:seconds.
#include "config/units.hpp"

#include <array>
#include <cctype>
#include <cstdio>
#include <limits>
#include <vector>

#include "model/strict_number.hpp"

namespace sa::adapter {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<std::uint64_t> unit_multiplier(std::string_view unit) {
  const std::string u = lower(unit);
  if (u.empty() || u == "b") return 1ull;
  if (u == "k" || u == "kib") return 1ull << 10;
  if (u == "m" || u == "mib") return 1ull << 20;
  if (u == "g" || u == "gib") return 1ull << 30;
  if (u == "t" || u == "tib") return 1ull << 40;
  return std::nullopt;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

constexpr std::int64_t kMaxMinutes = std::numeric_limits<int>::max();

}  // namespace

std::optional<std::uint64_t> parse_size(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  std::string_view whole = text.substr(0, i), frac;
  if (i < text.size() && text[i] == '.') {
    const std::size_t start = ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    frac = text.substr(start, i - start);
    if (frac.empty()) return std::nullopt;
  }
  if (whole.empty()) return std::nullopt;
  auto mult = unit_multiplier(text.substr(i));
  auto w = parse_strict_u64(whole);
  if (!mult || !w) return std::nullopt;
  if (*w > std::numeric_limits<std::uint64_t>::max() / *mult) return std::nullopt;
  std::uint64_t bytes = *w * *mult;
  if (!frac.empty()) {
    // Up to 6 fraction digits: f < 10^6 and mult <= 2^40, so f * mult < 2^60 cannot overflow.
    if (frac.size() > 6) return std::nullopt;
    std::uint64_t scale = 1;
    for (std::size_t k = 0; k < frac.size(); ++k) scale *= 10;
    const std::uint64_t add = *parse_strict_u64(frac) * *mult / scale;
    if (bytes > std::numeric_limits<std::uint64_t>::max() - add) return std::nullopt;
    bytes += add;
  }
  return bytes;
}

std::optional<int> parse_walltime_minutes(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::int64_t total_seconds = 0;
  const char last = static_cast<char>(std::tolower(static_cast<unsigned char>(text.back())));
  if (last == 'm' || last == 'h' || last == 'd') {
    auto n = parse_strict_u64(text.substr(0, text.size() - 1));
    if (!n || *n > static_cast<std::uint64_t>(kMaxMinutes)) return std::nullopt;
    const std::int64_t per = last == 'm' ? 60 : last == 'h' ? 3600 : 86400;
    total_seconds = static_cast<std::int64_t>(*n) * per;
  } else {
    std::int64_t days = 0;
    std::string_view rest = text;
    const auto dash = text.find('-');
    if (dash != std::string_view::npos) {
      auto d = parse_strict_u64(text.substr(0, dash));
      if (!d || *d > 1000000) return std::nullopt;
      days = static_cast<std::int64_t>(*d);
      rest = text.substr(dash + 1);
    }
    const auto parts = split(rest, ':');
    if (parts.size() > 3) return std::nullopt;
    std::array<std::int64_t, 3> v{};
    for (std::size_t k = 0; k < parts.size(); ++k) {
      auto n = parse_strict_u64(parts[k]);
      if (!n || *n > 100000000) return std::nullopt;
      v[k] = static_cast<std::int64_t>(*n);
    }
    std::int64_t h = 0, m = 0, s = 0;
    if (dash != std::string_view::npos) {
      // days-hours[:minutes[:seconds]]
      h = v[0];
      m = parts.size() > 1 ? v[1] : 0;
      s = parts.size() > 2 ? v[2] : 0;
    } else if (parts.size() == 1) {
      m = v[0];
    } else if (parts.size() == 2) {
      m = v[0];
      s = v[1];
    } else {
      h = v[0];
      m = v[1];
      s = v[2];
    }
    total_seconds = ((days * 24 + h) * 60 + m) * 60 + s;
  }
  const std::int64_t minutes = (total_seconds + 59) / 60;
  if (minutes <= 0 || minutes > kMaxMinutes) return std::nullopt;
  return static_cast<int>(minutes);
}

std::string format_walltime(int minutes) {
  const int days = minutes / (24 * 60);
  const int hours = minutes / 60 % 24;
  const int mins = minutes % 60;
  char buf[48];
  if (days > 0) {
    std::snprintf(buf, sizeof buf, "%d-%02d:%02d:00", days, hours, mins);
  } else {
    std::snprintf(buf, sizeof buf, "%02d:%02d:00", hours, mins);
  }
  return buf;
}

std::string format_size(std::uint64_t bytes) {
  constexpr std::array<const char*, 5> kUnits = {"B", "KiB", "MiB", "GiB", "TiB"};
  std::size_t u = 0;
  double v = static_cast<double>(bytes);
  while (v >= 1024 && u + 1 < kUnits.size()) {
    v /= 1024;
    ++u;
  }
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.4g %s", v, kUnits[u]);
  return buf;
}

}  // namespace sa::adapter
