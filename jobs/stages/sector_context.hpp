// What every sealing stage derives from its manifest: the proof and its sizes, the sector's files in Lotus's
// layout, the cache directory, and where checksum manifests live (one per stage and sector, in the storage
// root, with entries relative to it: "cache/s-t01000-9/p_aux", "sealed/s-t01000-9").
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "contract/job_manifest.hpp"
#include "graph/parent_cache.hpp"
#include "runtime/kernel_settings.hpp"
#include "layout/lotus_paths.hpp"
#include "params/proof_type.hpp"
#include "piece/commitment.hpp"
#include "publish/checksum_manifest.hpp"

namespace sa::jobs {

// Layer checksums are kept per chunk of this many nodes, so each rank verifies exactly the slices it reads.
inline constexpr std::uint64_t kLayerChunkNodes = 1ull << 20;

struct SectorContext {
  explicit SectorContext(const JobManifest& m);

  params::SealProof proof;
  std::uint64_t sector_bytes = 0;
  std::uint64_t nodes = 0;
  int layers = 0;
  staging::SectorId id;
  staging::LotusLayout layout;
  std::filesystem::path cache;     // <root>/cache/s-t0<miner>-<n>
  std::string name;                // s-t0<miner>-<n>

  std::uint64_t chunk_nodes() const { return nodes < kLayerChunkNodes ? nodes : kLayerChunkNodes; }
  // "pc1-s-t01000-9": the manifest key of a stage for this sector.
  std::string manifest_key(const std::string& stage) const { return stage + "-" + name; }
  // Path of a cache file relative to the storage root (for manifest entries).
  std::string cache_entry(const std::string& file) const { return "cache/" + name + "/" + file; }
  std::string sealed_entry() const { return "sealed/" + name; }
  std::string unsealed_entry() const { return "unsealed/" + name; }

  // Node-local scratch for this stage (manifest scratch dir, else $TMPDIR) when staging pays off, per the
  // inputs' "staging" policy (auto, always, never); nullopt to work in place on the shared filesystem.
  std::optional<std::filesystem::path> scratch_for(const JobManifest& m, const KernelSettings& settings,
                                                   std::uint64_t needed) const;

  void write_manifest(const std::string& stage, staging::ChecksumManifest m) const;
  staging::ChecksumManifest read_manifest(const std::string& stage) const;
};

// How jobs open the parent cache: verified unless FIL_PROOFS_VERIFY_CACHE=0, built with every allowed CPU.
kernels::ParentCacheOptions parent_cache_options(const KernelSettings& settings);

// A 32-byte value given as 64 hex digits in the stage inputs; sa::Error(Usage) naming the field otherwise.
kernels::Commitment hex32_input(const nlohmann::json& inputs, const char* field);
// "cache/<sector>/sc-02-data-layer-<l>.dat:<chunk>": the manifest entry of one layer chunk.
std::string layer_chunk_entry(const SectorContext& s, int layer, std::uint64_t chunk);

}  // namespace sa::jobs
