// base32 (RFC 4648 §6 alphabet, lower case, no '=') and unsigned varints, as go-cid / go-varint use them.
#include "piece/multibase.hpp"

#include "base/error.hpp"

namespace sa::kernels {
namespace {

constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";

int base32_value(char c) {
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

}  // namespace

std::string base32_lower_encode(const std::uint8_t* data, std::size_t n) {
  std::string out;
  out.reserve((8 * n + 4) / 5);
  std::uint32_t acc = 0;
  int bits = 0;
  for (std::size_t i = 0; i < n; ++i) {
    acc = (acc << 8) | data[i];
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += kAlphabet[(acc >> bits) & 31];
    }
  }
  if (bits > 0) out += kAlphabet[(acc << (5 - bits)) & 31];
  return out;
}

std::vector<std::uint8_t> base32_lower_decode(std::string_view text) {
  // Lengths mod 8 of 1, 3 and 6 characters cannot come from whole bytes.
  const std::size_t r = text.size() % 8;
  if (r == 1 || r == 3 || r == 6) {
    throw Error(ErrorKind::Usage, "base32: impossible length " + std::to_string(text.size()));
  }
  std::vector<std::uint8_t> out;
  out.reserve(text.size() * 5 / 8);
  std::uint32_t acc = 0;
  int bits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const int v = base32_value(text[i]);
    if (v < 0) {
      throw Error(ErrorKind::Usage, "base32: invalid character at position " + std::to_string(i));
    }
    acc = (acc << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>(acc >> bits));
    }
    acc &= (1u << bits) - 1;
  }
  if (acc != 0) throw Error(ErrorKind::Usage, "base32: non-zero trailing bits (not a canonical encoding)");
  return out;
}

void put_uvarint(std::vector<std::uint8_t>& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<std::uint8_t>(value | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<std::uint8_t>(value));
}

std::uint64_t read_uvarint(const std::vector<std::uint8_t>& data, std::size_t& pos) {
  std::uint64_t value = 0;
  for (int i = 0; i < 9; ++i) {
    if (pos >= data.size()) throw Error(ErrorKind::Usage, "varint: truncated");
    const std::uint8_t b = data[pos++];
    value |= std::uint64_t{b & 0x7fu} << (7 * i);
    if ((b & 0x80) == 0) {
      if (b == 0 && i > 0) throw Error(ErrorKind::Usage, "varint: not minimally encoded");
      return value;
    }
  }
  throw Error(ErrorKind::Usage, "varint: longer than 9 bytes");
}

}  // namespace sa::kernels
