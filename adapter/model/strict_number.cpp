// Strict number parsing with std::from_chars (locale-independent, no whitespace skipping).
#include "model/strict_number.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

namespace sa::adapter {

namespace {

template <typename T>
std::optional<T> parse_whole(std::string_view text) {
  T value{};
  const char* first = text.data();
  const char* last = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc{} || ptr != last) return std::nullopt;
  return value;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::optional<std::uint64_t> parse_strict_u64(std::string_view text) {
  if (!all_digits(text)) return std::nullopt;  // from_chars would accept nothing else anyway, but be explicit
  return parse_whole<std::uint64_t>(text);
}

std::optional<int> parse_strict_int(std::string_view text) {
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '-') digits.remove_prefix(1);
  if (!all_digits(digits)) return std::nullopt;
  return parse_whole<int>(text);
}

std::optional<double> parse_strict_double(std::string_view text) {
  if (text.empty()) return std::nullopt;
  // from_chars(double) accepts "inf"/"nan" and hex only with chars_format::hex; keep decimal forms only.
  for (char c : text) {
    const bool ok = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == 'e' || c == 'E' || c == '+';
    if (!ok) return std::nullopt;
  }
  if (text.front() == '+') return std::nullopt;
  auto v = parse_whole<double>(text);
  if (!v || !std::isfinite(*v)) return std::nullopt;
  return v;
}

}  // namespace sa::adapter
