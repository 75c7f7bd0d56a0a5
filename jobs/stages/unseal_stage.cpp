// Unseal (UNS): regenerate the key (every SDR layer from replica_id; only two layers are kept in memory),
// decode the sealed replica (data = replica - key), check its tree_d root is CommD, and write the requested
// range. Inputs: {"ticket": hex32, "comm_d": hex32, "offset": unpadded byte offset, "size": unpadded bytes
// (0 = to the end of the sector), and either "output": path (the original bytes, Fr32-unpadded) or
// "into_unsealed": true (Lotus's UnsealPiece: the padded bytes into the sector's unsealed partial file at
// the padded offset, marked allocated in its trailer; offset and size must then be whole 127-byte quads)}.
#include <cstring>
#include <vector>

#include "base/error.hpp"
#include "contract/json_fields.hpp"
#include "field/fr32.hpp"
#include "graph/graph_spec.hpp"
#include "graph/parent_cache.hpp"
#include "layout/partial_file.hpp"
#include "piece/cid.hpp"
#include "porep/encode.hpp"
#include "publish/atomic_file.hpp"
#include "publish/checksum.hpp"
#include "publish/mapped_file.hpp"
#include "runtime/cpu_binding.hpp"
#include "sdr/label_layer.hpp"
#include "sdr/replica_id.hpp"
#include "stages/stage.hpp"
#include "stages/sector_context.hpp"
#include "tree/tree_d.hpp"

namespace sa::jobs {

namespace k = sa::kernels;

nlohmann::json run_unseal(StageContext& ctx) {
  SectorContext s(ctx.manifest);
  const nlohmann::json& in = ctx.manifest.inputs;
  k::Commitment ticket = hex32_input(in, "ticket");
  k::Commitment comm_d = hex32_input(in, "comm_d");
  const bool into_unsealed = optional_field<bool>(in, "into_unsealed", false, "inputs");
  std::filesystem::path output = into_unsealed ? "" : required_field<std::string>(in, "output", "inputs");
  const std::uint64_t capacity = params::unpadded_capacity(s.proof.size());
  std::uint64_t offset = optional_field<std::uint64_t>(in, "offset", 0, "inputs");
  std::uint64_t size = optional_field<std::uint64_t>(in, "size", 0, "inputs");
  if (size == 0 && offset < capacity) size = capacity - offset;
  if (offset >= capacity || size > capacity - offset) {
    throw Error(ErrorKind::Usage, "unseal range " + std::to_string(offset) + "+" + std::to_string(size) +
                                      " is outside the sector's " + std::to_string(capacity) + " bytes");
  }
  if (into_unsealed && (offset % 127 != 0 || size % 127 != 0)) {
    throw Error(ErrorKind::Usage, "unseal into the unsealed file: offset and size must be multiples of 127 (piece-aligned)");
  }
  if (ctx.mpi.rank() != 0) return nlohmann::json::object();

  staging::verify_files(s.layout.root(), s.read_manifest("pc2"), {s.sealed_entry()});
  staging::MappedFile sealed = staging::MappedFile::read_only(s.layout.sealed(s.id));

  // The key: the last layer, regenerated exactly as PC1 did.
  k::Commitment rid = k::replica_id(s.id.miner, s.id.number, ticket, comm_d, s.proof.porep_id());
  k::ParentCache parents = k::ParentCache::open(ctx.settings.parent_cache, k::GraphSpec::for_proof(s.proof), parent_cache_options(ctx.settings));
  k::LabelOptions options;
  if (ctx.settings.use_multicore_sdr) {
    options.multicore = true;
    options.producers = ctx.settings.multicore_sdr_producers;
    options.cores = sdr_core_group(options.producers + 1);
  }
  std::vector<std::uint8_t> prev(s.sector_bytes), key(s.sector_bytes);
  for (int l = 1; l <= s.layers; ++l) {
    k::label_layer(parents, rid, l, l == 1 ? nullptr : prev.data(), key.data(), options);
    if (l < s.layers) std::swap(prev, key);
  }

  // The whole sector is decoded: its tree_d root must be the CommD it was sealed with, so a wrong ticket or
  // CommD, or a damaged replica, is caught before anything is written.
  if (sealed.size() < s.sector_bytes) throw Error(ErrorKind::Corrupt, "sealed replica " + s.name + " is shorter than the sector");
  std::vector<std::uint8_t> data = std::move(prev);  // the other layer's buffer: memory stays two sectors
  std::memcpy(data.data(), sealed.data(), s.sector_bytes);
  k::decode_nodes(key.data(), data.data(), s.nodes);
  key = {};
  if (k::build_tree_d(data.data(), s.nodes, nullptr) != comm_d) {
    throw Error(ErrorKind::Corrupt, "decoded sector " + s.name + " does not match its CommD: wrong ticket or CommD, or a damaged replica");
  }
  // Whole 127-byte quads around the range: 4 nodes (128 padded bytes) each.
  const std::uint64_t first_quad = offset / 127, end_quad = (offset + size + 126) / 127;
  const std::uint8_t* padded = data.data() + first_quad * 128;
  if (into_unsealed) {
    auto path = s.layout.unsealed(s.id);
    auto allocated = staging::write_partial_file_range(path, s.sector_bytes, first_quad * 128, padded, (end_quad - first_quad) * 128);
    nlohmann::json ranges = nlohmann::json::array();
    for (const auto& r : allocated) ranges.push_back({r.offset, r.size});
    return {{"unsealed", path.string()}, {"offset", offset}, {"size", size}, {"allocated", ranges},
            {"comm_d_checked", true}, {"comm_d", k::comm_d_cid(comm_d)}};
  }
  std::vector<std::uint8_t> raw((end_quad - first_quad) * 127);
  k::fr32_unpad_quads(padded, raw.data(), end_quad - first_quad);
  std::string_view bytes(reinterpret_cast<const char*>(raw.data()) + (offset - first_quad * 127), size);
  std::filesystem::create_directories(output.parent_path().empty() ? "." : output.parent_path());
  staging::write_file_atomic(output, bytes);
  return {{"output", output.string()},
          {"offset", offset},
          {"size", size},
          {"checksum", staging::checksum_bytes(bytes.data(), bytes.size())},
          {"comm_d_checked", true},
          {"comm_d", k::comm_d_cid(comm_d)}};
}

}  // namespace sa::jobs
