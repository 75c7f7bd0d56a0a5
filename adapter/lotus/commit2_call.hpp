// SealCommit2's document and answer: the Commit1Out the miner sends (from this worker's C1 or any other's)
// is read through the strict reader before it becomes a task, kept on the shared state directory under a
// name derived from its bytes (the miner's retry of the same call finds the same task), and the C2 job's
// proof goes back as bytes.
#pragma once

#include <filesystem>
#include <string>

#include "lotus/lotus_json.hpp"

namespace sa::adapter::lotus {

// Throws sa::Error(Usage) naming what is wrong: not JSON, not Filecoin's SealCommitPhase1Output (the JSON
// path), another proof type, or another sector (when the document names one under "_sealadapter").
std::filesystem::path commit1_out_for_c2(const LotusSector& s, const std::string& bytes,
                                         const std::filesystem::path& state_dir);

// The proof's bytes from the C2 result's hex.
std::string proof_bytes(const std::string& hex);

}  // namespace sa::adapter::lotus
