// The Groth16 parameter files C2 needs for a sector size (rust-fil-proofs parameters.json;
// docs/08-filecoin-formats.md §6), and the check made before a C2 job waits hours in a GPU queue: both
// files present and readable, the .vk exactly as long as its point count says, and the .params file
// starting with the same bytes (a .params file begins with its verifying key).
#pragma once

#include <filesystem>
#include <string>

#include "params/proof_type.hpp"

namespace sa::jobs::filecoin {

struct ParameterFiles {
  std::string params;  // v28-stacked-proof-of-replication-...-<hash>.params
  std::string vk;      // the same name ending in .vk
  int public_inputs = 0;  // the .vk's IC count (40 below 32GiB, 328 at 32/64GiB)
};

// The same files serve V1, V1_1, Synthetic PoRep and NI-PoRep of a size.
ParameterFiles parameter_files(params::SectorSize size);

// FIL_PROOFS_PARAMETER_CACHE, else rust-fil-proofs' default /var/tmp/filecoin-proof-parameters.
std::filesystem::path default_parameter_cache();

// Empty when `dir` holds usable parameters for `size`; otherwise what is wrong, naming the file.
std::string parameter_problem(const std::filesystem::path& dir, params::SectorSize size);

// Bytes of the .vk file with `public_inputs` IC points (868 + 96 · n).
constexpr std::uint64_t verifying_key_bytes(int public_inputs) { return 868 + 96ull * static_cast<unsigned>(public_inputs); }

}  // namespace sa::jobs::filecoin
