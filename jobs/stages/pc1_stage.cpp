// PreCommit1 (PC1): tree_d over the unsealed sector (-> comm_d, checked against the pieces), replica_id,
// and every SDR layer, with per-chunk checksums. It leaves what rust-fil-proofs' PC1 leaves, so Lotus's own
// PC2 can take over: sc-02-data-tree-d.dat, sc-02-data-layer-<l>.dat (raw labels; the HDF5 index
// sc-02-data-layers.h5 only describes them) and the sealed file holding the sector's data (PC2 encodes it
// in place). Inputs: {"ticket": hex32, "pieces": [{"size", "cid"}]?}. One sector is one rank's work:
// further ranks wait (docs/01-job-contract.md).
#include <cstring>
#include <vector>

#include "base/error.hpp"
#include "contract/json_fields.hpp"
#include "graph/graph_spec.hpp"
#include "graph/parent_cache.hpp"
#include "hdf5/layer_file.hpp"
#include "layout/cache_files.hpp"
#include "layout/partial_file.hpp"
#include "piece/cid.hpp"
#include "piece/comm_d.hpp"
#include "publish/atomic_file.hpp"
#include "publish/checksum.hpp"
#include "publish/free_space.hpp"
#include "publish/mapped_file.hpp"
#include "runtime/cpu_binding.hpp"
#include "scratch/node_scratch.hpp"
#include "sdr/label_layer.hpp"
#include "sdr/replica_id.hpp"
#include "stages/layer_io.hpp"
#include "stages/stage.hpp"
#include "tree/tree_d.hpp"

namespace sa::jobs {

namespace k = sa::kernels;

namespace {

// The unsealed sector, verified against AddPiece's checksum when AddPiece recorded one.
staging::MappedFile open_unsealed(const SectorContext& s) {
  auto path = s.layout.unsealed(s.id);
  if (!std::filesystem::exists(path)) throw Error(ErrorKind::Usage, "no unsealed sector " + path.string() + " (run AddPiece first)");
  // Lotus's partial file: the sector area, then the allocation trailer (checked, not needed here).
  staging::read_partial_file_allocated(path, s.sector_bytes);
  staging::MappedFile m = staging::MappedFile::read_only(path);
  std::error_code ec;
  if (std::filesystem::exists(staging::manifest_path(s.layout.root(), s.manifest_key("addpiece")), ec)) {
    staging::verify_files(s.layout.root(), s.read_manifest("addpiece"), {s.unsealed_entry()});
  }
  return m;
}

// rust-fil-proofs' PC1 copies the sector's data into the sealed file, which PC2 then encodes in place.
void copy_to_sealed(const SectorContext& s, const staging::MappedFile& unsealed) {
  const auto sealed = s.layout.sealed(s.id);
  std::filesystem::create_directories(sealed.parent_path());
  const auto partial = std::filesystem::path(sealed.string() + ".partial");
  {
    staging::MappedFile out = staging::MappedFile::read_write(partial, s.sector_bytes);
    std::memcpy(out.data(), unsealed.data(), s.sector_bytes);
    out.sync();
  }
  std::filesystem::rename(partial, sealed);
}

void check_pieces(const SectorContext& s, const nlohmann::json& inputs, const k::Commitment& comm_d) {
  if (!inputs.contains("pieces") || inputs["pieces"].empty()) return;
  std::vector<k::PieceInfo> pieces;
  for (const auto& p : inputs["pieces"]) {
    auto parsed = k::parse_comm_cid(required_field<std::string>(p, "cid", "inputs.pieces[]"));
    pieces.push_back({required_field<std::uint64_t>(p, "size", "inputs.pieces[]"), parsed.comm});
  }
  if (k::compute_comm_d(s.sector_bytes, pieces) != comm_d) {
    throw Error(ErrorKind::Corrupt, "the unsealed sector " + s.name + " does not match its pieces (CommD " +
                                        k::comm_d_cid(comm_d) + " differs from the pieces' aggregate)");
  }
}

k::LabelOptions label_options(const KernelSettings& settings) {
  k::LabelOptions o;
  if (settings.use_multicore_sdr) {
    o.multicore = true;
    o.producers = settings.multicore_sdr_producers;
    o.cores = sdr_core_group(settings.multicore_sdr_producers + 1);
  }
  return o;
}

}  // namespace

nlohmann::json run_pc1(StageContext& ctx) {
  SectorContext s(ctx.manifest);
  const nlohmann::json& in = ctx.manifest.inputs;
  k::Commitment ticket = hex32_input(in, "ticket");
  if (ctx.mpi.rank() != 0) return nlohmann::json::object();

  staging::MappedFile unsealed = open_unsealed(s);
  std::filesystem::create_directories(s.cache);
  std::uint64_t needed = k::tree_d_bytes(s.nodes) + static_cast<std::uint64_t>(s.layers) * s.sector_bytes;
  staging::require_free_space(s.cache, needed + s.sector_bytes, "PreCommit1");
  copy_to_sealed(s, unsealed);

  // Work on node-local scratch when that is faster, then publish to the cache on the shared filesystem.
  std::optional<std::filesystem::path> scratch = s.scratch_for(ctx.manifest, ctx.settings, needed);
  const std::filesystem::path work = scratch ? *scratch : s.cache;
  std::filesystem::create_directories(work);

  // tree_d, written through a mapping so a big sector stays in the page cache.
  staging::ChecksumManifest out;
  auto tree_d_path = work / (staging::tree_d_name() + ".partial");
  k::Commitment comm_d;
  {
    staging::MappedFile tree = staging::MappedFile::read_write(tree_d_path, k::tree_d_bytes(s.nodes));
    comm_d = k::build_tree_d(unsealed.data(), s.nodes, tree.data());
    tree.sync();
    out.add({s.cache_entry(staging::tree_d_name()), tree.size(), staging::checksum_bytes(tree.data(), tree.size())});
  }
  std::filesystem::rename(tree_d_path, work / staging::tree_d_name());
  check_pieces(s, in, comm_d);

  k::GraphSpec graph = k::GraphSpec::for_proof(s.proof);
  k::Commitment rid = k::replica_id(s.id.miner, s.id.number, ticket, comm_d, s.proof.porep_id());
  k::ParentCache parents = k::ParentCache::open(ctx.settings.parent_cache, graph, parent_cache_options(ctx.settings));
  k::LabelOptions options = label_options(ctx.settings);

  staging::LayerFile layers = staging::LayerFile::create(work / staging::layers_h5_name(), s.nodes, s.layers, false);
  std::vector<std::uint8_t> prev(s.sector_bytes), cur(s.sector_bytes);
  for (int l = 1; l <= s.layers; ++l) {
    k::label_layer(parents, rid, l, l == 1 ? nullptr : prev.data(), cur.data(), options);
    write_layer_checked(layers, s, l, 0, s.nodes, cur.data(), out);
    std::swap(prev, cur);
  }
  layers.publish();
  if (scratch) {
    staging::stage_out(work / staging::tree_d_name(), s.cache / staging::tree_d_name());
    for (int l = 1; l <= s.layers; ++l) staging::stage_out(work / staging::layer_dat_name(l), s.cache / staging::layer_dat_name(l));
    staging::stage_out(work / staging::layers_h5_name(), s.cache / staging::layers_h5_name());  // the index last
    std::filesystem::remove_all(work);
  }
  s.write_manifest("pc1", out);

  return {{"comm_d", {{"cid", k::comm_d_cid(comm_d)}, {"hex", k::to_hex(comm_d)}}},
          {"replica_id", k::to_hex(rid)},
          {"ticket", k::to_hex(ticket)},
          {"registered_proof", s.proof.name()},
          {"parent_cache", parents.path().string()},
          {"parent_cache_rebuilt", parents.rebuilt()},
          {"multicore_sdr", options.multicore},
          {"layers", s.layers},
          {"cache", s.cache.string()},
          {"staged_on", scratch ? scratch->string() : ""}};
}

}  // namespace sa::jobs
