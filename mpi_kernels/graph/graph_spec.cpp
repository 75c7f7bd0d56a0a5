// GraphSpec construction, validation and the porep-domain seeds (proofs.md §3.1).
#include "graph/graph_spec.hpp"

#include <string>
#include <string_view>

#include "base/error.hpp"
#include "hash/sha256.hpp"

namespace sa::kernels {

namespace {

Sha256Digest domain_seed(std::string_view tag, const PorepId& porep_id) {
  Sha256 h;
  h.update(reinterpret_cast<const std::uint8_t*>(tag.data()), tag.size());
  h.update(porep_id.data(), porep_id.size());
  return h.finish();
}

}  // namespace

GraphSpec GraphSpec::for_proof(params::SealProof proof) {
  GraphSpec spec;
  spec.nodes = params::nodes(proof.size());
  spec.layers = params::sdr_layers(proof.size());
  spec.porep_id = proof.porep_id();
  spec.legacy = proof.legacy_graph();
  return spec;
}

GraphSpec GraphSpec::for_porep_id(std::uint64_t nodes, int layers, const PorepId& porep_id) {
  GraphSpec spec;
  spec.nodes = nodes;
  spec.layers = layers;
  spec.porep_id = porep_id;
  spec.legacy = is_legacy_porep_id(porep_id);
  return spec;
}

bool is_legacy_porep_id(const PorepId& porep_id) {
  std::uint64_t id = 0;
  for (int i = 7; i >= 0; --i) id = id << 8 | porep_id[static_cast<std::size_t>(i)];
  return id <= 4;
}

void validate(const GraphSpec& spec) {
  if (spec.nodes < 2 || spec.nodes > 0xffffffffu) {
    throw Error(ErrorKind::Usage, "SDR graph: nodes must be in 2..2^32-1, got " + std::to_string(spec.nodes));
  }
  if (spec.layers < 1 || spec.layers > 64) {
    throw Error(ErrorKind::Usage, "SDR graph: layers must be in 1..64, got " + std::to_string(spec.layers));
  }
}

GraphSeeds graph_seeds(const PorepId& porep_id) {
  GraphSeeds seeds;
  const Sha256Digest drg = domain_seed("Filecoin_DRSample", porep_id);
  for (std::size_t i = 0; i < seeds.drg_seed.size(); ++i) seeds.drg_seed[i] = drg[i];
  const Sha256Digest feistel = domain_seed("Filecoin_Feistel", porep_id);
  for (std::size_t k = 0; k < 4; ++k) {
    std::uint64_t key = 0;
    for (int b = 7; b >= 0; --b) key = key << 8 | feistel[8 * k + static_cast<std::size_t>(b)];
    seeds.feistel_keys[k] = key;
  }
  return seeds;
}

}  // namespace sa::kernels
