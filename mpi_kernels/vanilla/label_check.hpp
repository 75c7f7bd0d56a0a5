// Recomputing one SDR label from its parents' labels, as a verifier does (proofs.md §4): the 37 hashed
// parents are the 6 base parents (current layer) and, from layer 2 on, the 8 expander parents (previous
// layer), repeated in Filecoin's order; node 0 hashes the prefix alone.
#pragma once

#include <cstdint>

#include "piece/commitment.hpp"

namespace sa::kernels {

// `base` holds the 6 base parents' labels in the current layer, `exp` the 8 expander parents' labels in the
// previous layer (ignored for layer 1), in the graph's parent order.
Commitment label_from_parents(const Commitment& replica_id, int layer, std::uint64_t node, const Commitment* base,
                              const Commitment* exp);

}  // namespace sa::kernels
