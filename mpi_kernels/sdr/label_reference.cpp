// The reference SDR labeller (proofs.md §4; rust-fil-proofs create_label/single.rs): for every node, build
// the whole 1248-byte message and hash it with sha256(). Simple on purpose and kept forever: the multicore
// labeller is tested against it. Also the argument checks and the label_layer dispatch.
#include <array>
#include <string>

#include "base/error.hpp"
#include "hash/sha256.hpp"
#include "hash/trunc254.hpp"
#include "sdr/label_layer.hpp"
#include "sdr/label_message.hpp"

namespace sa::kernels {

namespace detail {

void check_label_args(const ParentCache& cache, int layer, const std::uint8_t* prev_layer, const std::uint8_t* out) {
  if (cache.data() == nullptr) throw Error(ErrorKind::Usage, "SDR labels: the parent cache is empty (moved from)");
  if (layer < 1 || layer > cache.spec().layers) {
    throw Error(ErrorKind::Usage, "SDR labels: layer " + std::to_string(layer) + " outside 1.." +
                                      std::to_string(cache.spec().layers));
  }
  if (out == nullptr) throw Error(ErrorKind::Usage, "SDR labels: no output buffer");
  if ((layer == 1) != (prev_layer == nullptr)) {
    throw Error(ErrorKind::Usage, "SDR labels: layer " + std::to_string(layer) +
                                      (layer == 1 ? " takes no previous layer" : " needs the previous layer"));
  }
}

}  // namespace detail

void label_layer_reference(const ParentCache& cache, const Commitment& replica_id, int layer,
                           const std::uint8_t* prev_layer, std::uint8_t* out) {
  detail::check_label_args(cache, layer, prev_layer, out);
  std::array<std::uint8_t, detail::kLabelMessageBytes> msg{};
  for (std::uint64_t v = 0; v < cache.nodes(); ++v) {
    detail::label_prefix(replica_id, layer, v, msg.data());
    std::uint8_t* label = out + 32 * v;
    if (v == 0) {  // node 0 hashes its prefix only, in every layer
      const Sha256Digest d = sha256(msg.data(), 64);
      std::copy(d.begin(), d.end(), label);
      trunc254(label);
      continue;
    }
    // Layer 1: the 6 base parents (current layer). Later layers: 6 base (current) + 8 expander (previous).
    const std::uint32_t* parents = cache.parents(v);
    const int count = layer == 1 ? kBaseDegree : kParentsPerNode;
    for (int i = 0; i < detail::kLabelParents; ++i) {
      const int k = i % count;
      const std::uint8_t* src = k < kBaseDegree ? out + 32 * std::uint64_t{parents[k]}
                                                : prev_layer + 32 * std::uint64_t{parents[k]};
      std::copy(src, src + 32, msg.data() + 64 + 32 * i);
    }
    const Sha256Digest d = sha256(msg.data(), msg.size());
    std::copy(d.begin(), d.end(), label);
    trunc254(label);
  }
}

void label_layer(const ParentCache& cache, const Commitment& replica_id, int layer, const std::uint8_t* prev_layer,
                 std::uint8_t* out, const LabelOptions& options) {
  if (options.multicore) {
    label_layer_multicore(cache, replica_id, layer, prev_layer, out, options);
  } else {
    label_layer_reference(cache, replica_id, layer, prev_layer, out);
  }
}

}  // namespace sa::kernels
