// Vanilla proofs as JSON between C1's ranks (rank 0 gathers them; what C1 publishes is Filecoin's Commit1Out,
// filecoin/commit1_out.hpp): hex strings for 32-byte values,
// a Merkle proof as {"leaf", "root", "path": [[position, [siblings...]], ...]} bottom level first.
#pragma once

#include <nlohmann/json.hpp>

#include "vanilla/vanilla_proof.hpp"

namespace sa::jobs {

nlohmann::json to_json(const kernels::MerkleProof& p);
nlohmann::json to_json(const kernels::ChallengeProof& p);
nlohmann::json to_json(const kernels::VanillaProofs& p);

// Throw sa::Error(Corrupt) naming what is malformed.
kernels::MerkleProof merkle_proof_from_json(const nlohmann::json& j);
kernels::ChallengeProof challenge_proof_from_json(const nlohmann::json& j);
kernels::VanillaProofs vanilla_proofs_from_json(const nlohmann::json& j);

}  // namespace sa::jobs
