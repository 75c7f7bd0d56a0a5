// RLE+ (go-bitfield's "rle" package, version 0), the bitfield encoding Lotus uses for the allocated ranges
// in an unsealed sector's trailer. A bitfield is a list of runs alternating between unset and set bits.
// Bits are written least-significant first within each byte: a 2-bit version (0), one bit for the first
// run's value, then per run: "1" for a length of 1, "01" + 4 bits for 2..15, "00" + a uvarint otherwise.
// The output is minimal: trailing zero bytes are dropped (an empty bitfield is zero bytes).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sa::staging {

struct Run {
  bool set = false;
  std::uint64_t length = 0;
  bool operator==(const Run& o) const { return set == o.set && length == o.length; }
};

// Runs must be non-empty and alternate in value; sa::Error(Usage) otherwise.
std::string rle_plus_encode(const std::vector<Run>& runs);
// sa::Error(Corrupt) naming what is wrong for a bad version, a non-minimal encoding or an overlong varint.
std::vector<Run> rle_plus_decode(std::string_view bytes);

}  // namespace sa::staging
