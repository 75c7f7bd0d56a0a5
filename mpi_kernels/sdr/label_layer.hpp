// SDR labelling (PC1), one layer at a time (proofs.md §4, §11.1–11.2; rust-fil-proofs
// storage-proofs-porep/src/stacked/vanilla/create_label/single.rs and multi.rs): a single-threaded
// reference and the multicore version (one hashing thread fed by producer threads), which must give the
// same bytes. Settings (threads, core ids) come from the caller; nothing here reads the environment.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "graph/parent_cache.hpp"
#include "piece/commitment.hpp"

namespace sa::kernels {

struct LabelOptions {
  // false: label_layer_reference (one thread, one SHA-256 call per node; kept as the yardstick).
  // true: label_layer_multicore (FIL_PROOFS_USE_MULTICORE_SDR: producers + one hashing thread).
  bool multicore = false;
  int producers = 3;  // threads gathering parent labels (FIL_PROOFS_MULTICORE_SDR_PRODUCERS), 1..64
  // Empty: threads are not pinned. Else producers + 1 core ids: cores[0] for the hashing thread,
  // cores[i] for producer i (the caller picks cores sharing an L3, e.g. with hwloc).
  std::vector<int> cores;
  std::uint64_t lookahead = 800;       // ring slots ahead of the hasher (FIL_PROOFS_MULTICORE_SDR_LOOKAHEAD)
  std::uint64_t producer_stride = 128;  // nodes a producer claims at once (…_PRODUCER_STRIDE)
};

// Labels of layer `layer` (1-based, <= cache.spec().layers) into out (nodes·32 bytes). prev_layer is the
// previous layer's labels (nodes·32 bytes), nullptr exactly for layer 1. replica_id as from replica_id().
// Throws sa::Error(Usage) for a bad layer, pointer or option (checked before any thread starts), and
// sa::Error(Resource) when a thread cannot be pinned to its core. out must not overlap prev_layer.
void label_layer(const ParentCache& cache, const Commitment& replica_id, int layer, const std::uint8_t* prev_layer,
                 std::uint8_t* out, const LabelOptions& options = {});

// The two implementations, also callable directly (tests, benches). Same contract as label_layer.
void label_layer_reference(const ParentCache& cache, const Commitment& replica_id, int layer,
                           const std::uint8_t* prev_layer, std::uint8_t* out);
void label_layer_multicore(const ParentCache& cache, const Commitment& replica_id, int layer,
                           const std::uint8_t* prev_layer, std::uint8_t* out, const LabelOptions& options);

// Called once per layer, in order, with that layer's labels (nodes·32 bytes, valid only during the call):
// the caller writes sc-02-data-layer-<layer>.dat or keeps what it needs. Exceptions propagate.
using LayerCallback = std::function<void(int layer, const std::uint8_t* labels)>;

// All cache.spec().layers layers, keeping only two layers in memory (2·nodes·32 bytes).
// Throws as label_layer, sa::Error(Resource) when the two layer buffers cannot be allocated.
void label_all_layers(const ParentCache& cache, const Commitment& replica_id, const LabelOptions& options,
                      const LayerCallback& on_layer);

}  // namespace sa::kernels
