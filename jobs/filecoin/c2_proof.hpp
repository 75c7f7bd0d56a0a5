// What a C2 prover returns: one Groth16 proof per partition, each A ‖ B ‖ C in compressed ZCash encoding
// (48 + 96 + 48 = 192 bytes), so 192 bytes below 32GiB and 1920 at 32/64GiB (docs/08-filecoin-formats.md §6.3).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "params/proof_type.hpp"

namespace sa::jobs::filecoin {

inline constexpr std::size_t kGroth16ProofBytes = 192;

// 192 × the interactive PoRep partitions of the proof's sector size.
std::size_t commit2_proof_bytes(params::SealProof proof);

// The bytes of the last "proof: <hex>" line (as `lotus-bench prove` prints it), nullopt when there is none.
// Throws sa::Error(Corrupt) when that line's hex is malformed.
std::optional<std::string> proof_from_prover_stdout(std::string_view text);

// Empty when `proof` has the length a proof of this type must have; otherwise the reason.
std::string commit2_proof_problem(std::string_view proof, params::SealProof type);

}  // namespace sa::jobs::filecoin
