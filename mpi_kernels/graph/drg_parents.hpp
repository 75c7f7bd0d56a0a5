// The 6 base (DRG, "bucket sampling") parents of one SDR node (proofs.md §3.2; rust-fil-proofs
// storage-proofs-core/src/drgraph.rs BucketGraph::parents): 5 parents drawn with ChaCha8 seeded by
// drg_seed || u32_le(node), plus the predecessor, first (V1_1+) or last (legacy V1).
#pragma once

#include <array>
#include <cstdint>

namespace sa::kernels {

// out[0..6] for node (< 2^32). Nodes 0 and 1 get six zeros. Thread-safe.
void drg_parents(const std::array<std::uint8_t, 28>& drg_seed, std::uint64_t node, bool legacy,
                 std::uint32_t out[6]);

}  // namespace sa::kernels
