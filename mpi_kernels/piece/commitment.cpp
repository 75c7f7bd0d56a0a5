// Hex text form of commitments.
#include "piece/commitment.hpp"

#include "base/error.hpp"

namespace sa::kernels {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string to_hex(const Commitment& comm) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  s.reserve(64);
  for (std::uint8_t b : comm) {
    s += kDigits[b >> 4];
    s += kDigits[b & 15];
  }
  return s;
}

Commitment commitment_from_hex(std::string_view hex) {
  if (hex.size() != 64) {
    throw Error(ErrorKind::Usage, "commitment hex must be 64 digits, got " + std::to_string(hex.size()));
  }
  Commitment c{};
  for (std::size_t i = 0; i < 32; ++i) {
    const int hi = hex_value(hex[2 * i]);
    const int lo = hex_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      throw Error(ErrorKind::Usage, "commitment hex has a non-hex character at position " +
                                        std::to_string(hi < 0 ? 2 * i : 2 * i + 1));
    }
    c[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return c;
}

}  // namespace sa::kernels
