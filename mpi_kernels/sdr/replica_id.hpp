// replica_id: the per-sector seed of SDR labelling (proofs.md §2; rust-fil-proofs storage-proofs-porep
// src/stacked/vanilla/params.rs generate_replica_id, filecoin-ffi toProverID):
// trunc254(SHA-256(prover_id[32] || u64_be(sector) || ticket[32] || comm_d[32] || porep_id[32])).
#pragma once

#include <cstdint>

#include "graph/graph_spec.hpp"
#include "piece/commitment.hpp"

namespace sa::kernels {

// The miner's ID-address payload: unsigned LEB128 of the actor id at the start of 32 zero bytes
// (actor 1000 → e8 07 00 …).
Commitment prover_id(std::uint64_t miner_actor_id);

// The ticket is used as is (no truncation). Thread-safe, throws nothing.
Commitment replica_id(std::uint64_t miner_actor_id, std::uint64_t sector_number, const Commitment& ticket,
                      const Commitment& comm_d, const PorepId& porep_id);

}  // namespace sa::kernels
