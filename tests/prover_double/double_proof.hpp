// The bytes the C2 prover test double returns: deterministic in the Commit1Out and the sector number, so a
// test can tell its proof from any other (a test double of an external program, not a SNARK).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "hash/sha256.hpp"

namespace sa::test {

inline std::string double_proof_bytes(std::string_view commit1_out, std::uint64_t sector, std::size_t n) {
  std::string out;
  for (std::uint32_t block = 0; out.size() < n; ++block) {
    std::string msg(commit1_out);
    for (int i = 0; i < 8; ++i) msg += static_cast<char>((sector >> (8 * i)) & 0xff);
    for (int i = 0; i < 4; ++i) msg += static_cast<char>((block >> (8 * i)) & 0xff);
    auto d = kernels::sha256(reinterpret_cast<const std::uint8_t*>(msg.data()), msg.size());
    out.append(reinterpret_cast<const char*>(d.data()), d.size());
  }
  out.resize(n);
  return out;
}

}  // namespace sa::test
