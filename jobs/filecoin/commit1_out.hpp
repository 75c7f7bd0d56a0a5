// Commit1Out exactly as rust-filecoin-proofs-api's SealCommitPhase1Output is serialised by serde_json
// (docs/08-filecoin-formats.md §2): what ReturnSealCommit1 carries, what C1 leaves in the cache, what a
// real lotus-worker, `lotus-bench prove` or cuzk parse for C2. sealadapter's own fields (miner and sector,
// for cross-checks) live under the one extra top-level key "_sealadapter", which serde ignores.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "params/proof_type.hpp"
#include "tree/tree_shape.hpp"
#include "vanilla/vanilla_proof.hpp"

namespace sa::jobs::filecoin {

struct Commit1Out {
  params::SealProof proof{5};
  kernels::VanillaProofs vanilla;  // comm_c and comm_r_last: the roots the proofs carry
  kernels::Commitment comm_r{};
  kernels::Commitment comm_d{};
  kernels::Commitment replica_id{};
  kernels::Commitment seed{};
  kernels::Commitment ticket{};
  std::uint64_t miner = 0;   // "_sealadapter"
  std::uint64_t sector = 0;  // "_sealadapter"
  bool has_sector = true;    // false: read from a document without "_sealadapter" (another writer's)
};

// V1 and V1_1: the challenges are the interactive ones (seed), as C1 here derives them. Synthetic PoRep and
// NI-PoRep documents have the same shape but other challenges and counts; they are refused, not misread.
bool interactive(params::SealProof proof);

// The key of VanillaSealProof and Labels: the sector shape only ("StackedDrg2KiBV1" for V1 ... NI-PoRep).
std::string shape_key(params::SealProof proof);

// The 37 parents of challenge `p`'s labelling proof at `layer` (1..L), taken from its columns: layer 1 the
// 6 base parents' layer-1 labels, layer l > 1 the 6 base parents at l then the 8 expander parents at l − 1,
// each list repeated cyclically (rust-fil-proofs stacked/vanilla/proof.rs). The encoding proof uses layer L.
std::vector<kernels::Commitment> labeling_parents(const kernels::ChallengeProof& p, int layer);

// Writes the document without building it in memory. Throws sa::Error(Internal) when `c1` does not fit
// the shape of its proof type (wrong counts, a Merkle proof of the wrong arity).
void write_commit1_out(std::ostream& out, const Commit1Out& c1);

// The strict reader, written from the format and not from the writer: any key, nesting, `_h`, variant or
// array length other than the format's is refused with sa::Error(Corrupt) naming the JSON path
// ("vanilla_proofs.StackedDrg2KiBV1[0][1].labeling_proofs[1].parents: 36 values, expected 37"). The
// labelling and encoding proofs must equal what the columns imply. It does not verify the proofs.
Commit1Out read_commit1_out(const nlohmann::json& doc);
Commit1Out read_commit1_out_file(const std::filesystem::path& path);

// Empty when the document proves its sector for these public inputs: its own fields (proof type, comm_d,
// comm_r, seed, ticket, replica_id, and miner and sector under "_sealadapter") are the sector's, and every
// Merkle path, label and encoding holds. Otherwise the first thing that does not.
std::string verify_commit1_out(const kernels::PorepPublicInputs& pub, const Commit1Out& doc);

// One Poseidon-tree MerkleProof ({"data": {"Single" | "Sub" | "Top": ...}}) by the tree's shape, as the
// document holds it; also what tests of the compound shapes use on small trees.
std::string merkle_proof_json(const kernels::MerkleProof& proof, const kernels::TreeShape& shape);
kernels::MerkleProof merkle_proof_from_json(const nlohmann::json& j, const kernels::TreeShape& shape);

}  // namespace sa::jobs::filecoin
