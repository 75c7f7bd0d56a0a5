// PreCommit2 (PC2): column hashes of the SDR layers -> tree_c, the replica = unsealed + key (last layer)
// -> the sealed file, tree_r_last over it, comm_c, comm_r_last, comm_r, p_aux and t_aux.
// Ranks: with several base trees (32/64 GiB) each rank builds whole base trees (round robin); with one base
// tree the node range is split into chunk-aligned slices for the column hashes and the encoding, and rank 0
// builds the trees. Results are identical for any rank count. Inputs: {"pc1": "here" (default) | "lotus"}:
// "here" reads PC1's layers through its index and checks every chunk against PC1's checksum manifest, the
// data from the unsealed file; "lotus" takes a cache a real lotus-worker's PC1 left (the .dat layers,
// tree-d, and the sealed file holding the data, which is encoded into a new sealed file).
#include <unistd.h>

#include <cstring>
#include <vector>

#include "base/error.hpp"
#include "contract/json_fields.hpp"
#include "hdf5/layer_file.hpp"
#include "layout/cache_files.hpp"
#include "layout/partial_file.hpp"
#include "partition/rank_plan.hpp"
#include "piece/cid.hpp"
#include "porep/encode.hpp"
#include "publish/atomic_file.hpp"
#include "publish/checksum.hpp"
#include "publish/free_space.hpp"
#include "publish/mapped_file.hpp"
#include "tree/comm_r.hpp"
#include "tree/compound_tree.hpp"
#include "runtime/cpu_binding.hpp"
#include "scratch/node_scratch.hpp"
#include "stages/layer_io.hpp"
#include "stages/pc2_compute.hpp"
#include "stages/pc2_files.hpp"
#include "stages/stage.hpp"
#include "tree/column_hash.hpp"
#include "tree/tree_d.hpp"
#include "tree/tree_shape.hpp"

namespace sa::jobs {

namespace k = sa::kernels;

namespace {

struct Pc2Work {
  const SectorContext& s;
  const staging::ChecksumManifest& pc1;
  bool checked;  // PC1 ran here: its chunk checksums guard every layer read
  const staging::LayerFile& layers;
  const staging::MappedFile& unsealed;
  Pc2Files& files;
  const Pc2Compute& compute;
};

// Column hashes of nodes [first, first + count) into `leaves`, and the encoded replica of the same range
// into `replica` and the sealed file, one layer chunk at a time (L chunk buffers, not L whole layers).
void hash_and_encode(Pc2Work& w, std::uint64_t first, std::uint64_t count, std::uint8_t* leaves,
                     std::uint8_t* replica) {
  const SectorContext& s = w.s;
  const std::uint64_t chunk = s.chunk_nodes();
  std::vector<std::vector<std::uint8_t>> slices(static_cast<std::size_t>(s.layers), std::vector<std::uint8_t>(chunk * 32));
  std::vector<const std::uint8_t*> ptrs;
  for (auto& sl : slices) ptrs.push_back(sl.data());
  for (std::uint64_t off = 0; off < count; off += chunk) {
    const std::uint64_t n = std::min(chunk, count - off);
    for (int l = 1; l <= s.layers; ++l) {
      std::uint8_t* out = slices[static_cast<std::size_t>(l - 1)].data();
      if (w.checked) read_layer_checked(w.layers, s, w.pc1, l, first + off, n, out);
      else w.layers.read(l, first + off, n, out);
    }
    w.compute.column_hashes(ptrs.data(), s.layers, n, leaves + off * 32);
    std::memcpy(replica + off * 32, w.unsealed.data() + (first + off) * 32, n * 32);
    k::encode_nodes(slices.back().data(), replica + off * 32, n);  // key = the last layer
  }
  w.files.write_sealed(first * 32, replica, count * 32);
}

// What rust-fil-proofs' PC1 leaves, sized for this sector (a short or missing file is refused, naming it).
void check_lotus_cache(const SectorContext& s) {
  auto expect = [&](const std::filesystem::path& p, std::uint64_t bytes) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) throw Error(ErrorKind::Corrupt, "the Lotus cache has no " + p.string());
    const std::uint64_t got = std::filesystem::file_size(p, ec);
    if (got != bytes) {
      throw Error(ErrorKind::Corrupt, p.string() + " is " + std::to_string(got) + " bytes, not " + std::to_string(bytes));
    }
  };
  for (int l = 1; l <= s.layers; ++l) expect(s.cache / staging::layer_dat_name(l), s.sector_bytes);
  expect(s.cache / staging::tree_d_name(), k::tree_d_bytes(s.nodes));
  expect(s.layout.sealed(s.id), s.sector_bytes);
}

}  // namespace

nlohmann::json run_pc2(StageContext& ctx) {
  SectorContext s(ctx.manifest);
  const int rank = ctx.mpi.rank(), ranks = ctx.mpi.size();
  const std::string pc1_from = optional_field<std::string>(ctx.manifest.inputs, "pc1", "here", "inputs");
  if (pc1_from != "here" && pc1_from != "lotus") throw Error(ErrorKind::Usage, "inputs.pc1 must be \"here\" or \"lotus\"");
  const bool lotus = pc1_from == "lotus";
  staging::ChecksumManifest pc1;
  if (!lotus) pc1 = s.read_manifest("pc1");
  else check_lotus_cache(s);
  staging::ChecksumManifest ap;
  bool have_ap = !lotus && std::filesystem::exists(staging::manifest_path(s.layout.root(), s.manifest_key("addpiece")));
  if (have_ap) ap = s.read_manifest("addpiece");
  const k::TreeShape shape = k::tree_shape(s.nodes);
  const std::uint64_t per_tree = s.nodes / static_cast<std::uint64_t>(shape.base_trees);
  Pc2Files files(s, shape, static_cast<std::uint32_t>(ctx.settings.rows_to_discard));

  if (rank == 0) {
    if (have_ap) staging::verify_files(s.layout.root(), ap, {s.unsealed_entry()});
    if (!lotus) staging::read_partial_file_allocated(s.layout.unsealed(s.id), s.sector_bytes);  // Lotus's layout, whole
    staging::require_free_space(s.layout.sealed(s.id).parent_path(), s.sector_bytes + files.tree_bytes(), "PreCommit2");
    files.create_sealed();
  }
  ctx.mpi.barrier();
  // One rank reads every layer: stage them (and the unsealed sector) to node-local scratch when that is
  // faster. Several ranks read only their slices of the shared .dat files.
  std::filesystem::path layers_path = s.cache / staging::layers_h5_name(), unsealed_path = s.layout.unsealed(s.id);
  std::optional<std::filesystem::path> scratch;
  const std::uint64_t layer_bytes = static_cast<std::uint64_t>(s.layers) * s.sector_bytes;
  if (ranks == 1 && !lotus) scratch = s.scratch_for(ctx.manifest, ctx.settings, layer_bytes + s.sector_bytes);
  if (scratch) {
    // Verified chunk by chunk as they are read; the index names them relative to itself.
    for (int l = 1; l <= s.layers; ++l) staging::stage_in(s.cache / staging::layer_dat_name(l), *scratch);
    layers_path = staging::stage_in(layers_path, *scratch);
    const staging::ManifestEntry* e = have_ap ? ap.find(s.unsealed_entry()) : nullptr;
    unsealed_path = staging::stage_in(unsealed_path, *scratch, e ? e->checksum : "");
  }
  staging::LayerFile layers = lotus ? staging::LayerFile::open_lotus(s.cache, s.nodes, s.layers)
                                    : staging::LayerFile::open(layers_path, ranks > 1);
  // Lotus's PC1 put the data into the sealed file; the replica goes to a new one (renamed over it at the end).
  staging::MappedFile unsealed = staging::MappedFile::read_only(lotus ? s.layout.sealed(s.id) : unsealed_path);
  files.open_sealed();
  Pc2Compute compute(ctx.settings, static_cast<int>(allowed_cpus().size()));
  files.set_compute(&compute);
  Pc2Work w{s, pc1, !lotus, layers, unsealed, files, compute};

  std::vector<k::Commitment> roots_c(static_cast<std::size_t>(shape.base_trees)), roots_r(roots_c.size());
  std::vector<int> owned;
  if (shape.base_trees > 1) {
    owned = k::owned_units(shape.base_trees, ranks, rank);
    for (int j : owned) {
      std::uint64_t first = static_cast<std::uint64_t>(j) * per_tree;
      staging::MappedFile tree_c = files.tree_c_buffer(j);  // the column hashes go straight into its leaf row
      std::vector<std::uint8_t> replica(per_tree * 32);
      hash_and_encode(w, first, per_tree, tree_c.data(), replica.data());
      roots_c[static_cast<std::size_t>(j)] = files.write_tree_c(j, tree_c);
      roots_r[static_cast<std::size_t>(j)] = files.write_tree_r_last(j, replica.data());
    }
  } else {
    // One base tree: split the hashing and encoding, then rank 0 builds both trees from the gathered slices.
    k::NodeRange part = k::split_range(s.nodes, ranks, rank, s.chunk_nodes());
    std::vector<std::uint8_t> leaves(part.count * 32), replica(part.count * 32);
    if (part.count > 0) hash_and_encode(w, part.first, part.count, leaves.data(), replica.data());
    auto bytes = [](const std::vector<std::uint8_t>& v) { return std::string(reinterpret_cast<const char*>(v.data()), v.size()); };
    std::vector<std::string> all_leaves = ctx.mpi.gather_to_root(bytes(leaves));
    std::vector<std::string> all_replica = ctx.mpi.gather_to_root(bytes(replica));
    if (rank == 0) {
      owned = {0};
      staging::MappedFile tree_c = files.tree_c_buffer(0);
      std::vector<std::uint8_t> tree_replica;
      std::uint64_t at = 0;
      for (const auto& p : all_leaves) {
        std::memcpy(tree_c.data() + at, p.data(), p.size());
        at += p.size();
      }
      for (const auto& p : all_replica) tree_replica.insert(tree_replica.end(), p.begin(), p.end());
      roots_c[0] = files.write_tree_c(0, tree_c);
      roots_r[0] = files.write_tree_r_last(0, tree_replica.data());
    }
  }
  files.sync_sealed();
  // Roots to rank 0 (each base tree has exactly one owner).
  std::string mine;
  for (int j : owned) {
    mine.append(reinterpret_cast<const char*>(&j), sizeof j);
    mine.append(reinterpret_cast<const char*>(roots_c[static_cast<std::size_t>(j)].data()), 32);
    mine.append(reinterpret_cast<const char*>(roots_r[static_cast<std::size_t>(j)].data()), 32);
  }
  std::vector<std::string> gathered = ctx.mpi.gather_to_root(mine);
  ctx.mpi.barrier();
  if (rank != 0) return nlohmann::json::object();
  for (const std::string& g : gathered) {
    for (std::size_t off = 0; off + sizeof(int) + 64 <= g.size(); off += sizeof(int) + 64) {
      int j = 0;
      std::memcpy(&j, g.data() + off, sizeof j);
      std::memcpy(roots_c[static_cast<std::size_t>(j)].data(), g.data() + off + sizeof j, 32);
      std::memcpy(roots_r[static_cast<std::size_t>(j)].data(), g.data() + off + sizeof j + 32, 32);
    }
  }
  Pc2Roots roots = files.finish(roots_c, roots_r);
  if (scratch) std::filesystem::remove_all(*scratch);
  return {{"comm_c", k::to_hex(roots.comm_c)},
          {"comm_r_last", k::to_hex(roots.comm_r_last)},
          {"comm_r", {{"cid", k::comm_r_cid(roots.comm_r)}, {"hex", k::to_hex(roots.comm_r)}}},
          {"sealed", s.layout.sealed(s.id).string()},
          {"base_trees", shape.base_trees},
          {"gpu", {{"columns", compute.gpu_columns()}, {"trees", compute.gpu_trees()}, {"why_cpu", compute.why_cpu()}}},
          {"ranks", ranks},
          {"staged_on", scratch ? scratch->string() : ""}};
}

}  // namespace sa::jobs
