// label_all_layers: every SDR layer in order with two layer buffers that swap roles (proofs.md §4, §9:
// the caller writes each layer as sc-02-data-layer-<l>.dat from the callback).
#include <utility>

#include "sdr/label_layer.hpp"
#include "sdr/layer_buffer.hpp"

namespace sa::kernels {

void label_all_layers(const ParentCache& cache, const Commitment& replica_id, const LabelOptions& options,
                      const LayerCallback& on_layer) {
  const std::uint64_t bytes = cache.nodes() * 32;
  LayerBuffer current(bytes);
  LayerBuffer previous(cache.spec().layers > 1 ? bytes : 0);
  for (int layer = 1; layer <= cache.spec().layers; ++layer) {
    label_layer(cache, replica_id, layer, layer == 1 ? nullptr : previous.data(), current.data(), options);
    if (on_layer) on_layer(layer, current.data());
    std::swap(current, previous);
  }
}

}  // namespace sa::kernels
