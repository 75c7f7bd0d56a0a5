// Commit1's vanilla proofs (proofs.md §8.2; rust-fil-proofs stacked/vanilla/params.rs Proof): per
// challenge c, the tree_d inclusion of the data node, the column of c and of its 6 base and 8 expander
// parents with their tree_c inclusions, and the tree_r_last inclusion of the replica node. The labelling and
// encoding proofs are implied by these columns (the verifier recomputes every label of c and the encoding),
// so they are not stored twice.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/parents.hpp"
#include "params/proof_type.hpp"
#include "piece/commitment.hpp"
#include "tree/merkle_proof.hpp"

namespace sa::kernels {

struct ColumnProof {
  std::uint64_t node = 0;
  std::vector<Commitment> labels;  // layer 1 .. L
  MerkleProof tree_c;              // leaf = Poseidon_L(labels)
};

struct ChallengeProof {
  std::uint64_t challenge = 0;
  MerkleProof comm_d;                    // tree_d, leaf = the data node
  ColumnProof column;                    // the challenged node
  std::vector<ColumnProof> drg_parents;  // 6, in parent order
  std::vector<ColumnProof> exp_parents;  // 8, in parent order
  MerkleProof comm_r_last;               // tree_r_last, leaf = the replica node
};

struct VanillaProofs {
  Commitment comm_c{};
  Commitment comm_r_last{};
  std::vector<std::vector<ChallengeProof>> partitions;
};

struct PorepPublicInputs {
  params::SealProof proof{5};
  std::uint64_t miner = 0;
  std::uint64_t sector = 0;
  Commitment ticket{};
  Commitment seed{};
  Commitment comm_d{};
  Commitment comm_r{};
};

// What the prover reads: labels, and inclusion proofs in the three trees (backed by the cache files).
class ProverData {
 public:
  virtual ~ProverData() = default;
  virtual Commitment label(int layer, std::uint64_t node) const = 0;
  virtual MerkleProof tree_d(std::uint64_t node) const = 0;
  virtual MerkleProof tree_c(std::uint64_t node) const = 0;
  virtual MerkleProof tree_r_last(std::uint64_t node) const = 0;
};

ChallengeProof prove_challenge(const ProverData& data, const ParentGenerator& graph, int layers, std::uint64_t challenge);

// Empty when every proof holds for these public inputs; otherwise what failed, first failure only
// ("partition 0 challenge 1 (node 37): label of layer 2 does not match its parents").
std::string verify_vanilla_proofs(const PorepPublicInputs& pub, const VanillaProofs& proofs);

}  // namespace sa::kernels
