// GraphSpec: which SDR graph to build (node count, layers, porep_id, legacy V1 behaviour) and the seeds
// derived from it (proofs.md §1.2, §3.1; rust-fil-proofs storage-proofs-core/src/crypto/mod.rs,
// storage-proofs-porep/src/stacked/vanilla/graph.rs). Production specs come from a SealProof; tests build
// any node count (the upstream label tests use 64- and 128-node graphs).
#pragma once

#include <array>
#include <cstdint>

#include "params/proof_type.hpp"

namespace sa::kernels {

inline constexpr int kBaseDegree = 6;       // DRG parents, the first 6 of a cache record
inline constexpr int kExpanderDegree = 8;   // expander parents, the last 8
inline constexpr int kParentsPerNode = 14;  // u32 entries per node in the parent cache

using PorepId = std::array<std::uint8_t, 32>;

struct GraphSpec {
  std::uint64_t nodes = 0;  // 2 .. 2^32-1 (parents and the name's node count are u32)
  int layers = 0;           // SDR layers, >= 1
  PorepId porep_id{};
  bool legacy = false;      // V1_0_0: predecessor last, expander truncated to u32 (proofs.md §3.2, §3.3)

  // nodes = sector/32, layers per size, porep_id and legacy as the registry says.
  static GraphSpec for_proof(params::SealProof proof);
  // Any node count: legacy follows the porep_id (is_legacy_porep_id), as the upstream tests do.
  static GraphSpec for_porep_id(std::uint64_t nodes, int layers, const PorepId& porep_id);

  friend bool operator==(const GraphSpec&, const GraphSpec&) = default;
};

// u64_le(porep_id[0..8]) <= 4: registered ids 0..4 (V1).
bool is_legacy_porep_id(const PorepId& porep_id);

// Throws sa::Error(Usage) when nodes or layers are out of range; names the field.
void validate(const GraphSpec& spec);

struct GraphSeeds {
  std::array<std::uint8_t, 28> drg_seed{};    // SHA-256("Filecoin_DRSample" || porep_id)[0..28]
  std::array<std::uint64_t, 4> feistel_keys{};  // SHA-256("Filecoin_Feistel" || porep_id) as 4 u64 LE
};

GraphSeeds graph_seeds(const PorepId& porep_id);

}  // namespace sa::kernels
