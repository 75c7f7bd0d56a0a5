// Parameter files for the C2 tests: the real names (parameters.json) and the real layout of a verifying key
// (six points, the big-endian IC count, the IC points) with placeholder bytes, and a .params file that
// begins with that key. They pass sealadapter's pre-flight check; they are not Groth16 keys.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include "filecoin/c2_parameters.hpp"

namespace sa::test {

inline void write_test_parameters(const std::filesystem::path& dir, params::SectorSize size) {
  std::filesystem::create_directories(dir);
  const auto f = jobs::filecoin::parameter_files(size);
  std::string vk(jobs::filecoin::verifying_key_bytes(f.public_inputs), '\0');
  for (std::size_t i = 0; i < vk.size(); ++i) vk[i] = static_cast<char>(i * 7 + 1);
  const auto n = static_cast<std::uint32_t>(f.public_inputs);
  for (int i = 0; i < 4; ++i) vk[864 + i] = static_cast<char>((n >> (24 - 8 * i)) & 0xff);
  std::ofstream(dir / f.vk, std::ios::binary) << vk;
  std::ofstream(dir / f.params, std::ios::binary) << vk << std::string(4096, 'p');
}

}  // namespace sa::test
