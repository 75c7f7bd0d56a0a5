// The two byte encodings CIDs are built from: RFC 4648 base32, lower-case, no padding (multibase 'b'), and
// unsigned LEB128 varints (multiformats unsigned-varint, minimal form, at most 9 bytes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sa::kernels {

std::string base32_lower_encode(const std::uint8_t* data, std::size_t n);
// Throws sa::Error(Usage) on a character outside a-z2-7, an impossible length, or non-zero leftover bits
// (only the canonical encoding of some bytes is accepted).
std::vector<std::uint8_t> base32_lower_decode(std::string_view text);

void put_uvarint(std::vector<std::uint8_t>& out, std::uint64_t value);
// Reads a varint at data[pos], advancing pos. Throws sa::Error(Usage) when it is truncated, longer than 9
// bytes or not minimal (a trailing 0x00 continuation byte).
std::uint64_t read_uvarint(const std::vector<std::uint8_t>& data, std::size_t& pos);

}  // namespace sa::kernels
