// ParentCache: the SDR parent cache file in Filecoin's format and name, v28-sdr-parent-<hex>.cache, 14 u32
// LE per node (proofs.md §3.4; rust-fil-proofs storage-proofs-porep/src/stacked/vanilla/cache.rs), mapped
// read-only, checked before first use and (re)built atomically when missing or corrupt. The caller passes
// the directory (the job reads FIL_PROOFS_PARENT_CACHE); nothing here reads the environment.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "graph/graph_spec.hpp"
#include "hash/sha256.hpp"

namespace sa::kernels {

struct ParentCacheOptions {
  // Check an existing file before use: SHA-256 against the published digest (proof ids 0–9), else
  // regenerate verify_sample_nodes nodes spread over the graph (every node when the graph is that small).
  // Off: only the file size is checked (as upstream without FIL_PROOFS_VERIFY_CACHE).
  bool verify = true;
  int threads = 1;                          // generation and sample verification
  std::uint64_t verify_sample_nodes = 4096;
};

class ParentCache {
 public:
  // Opens dir/file_name(spec), creating dir if needed. A missing, short, or (with verify) corrupt file is
  // rebuilt: written to a temporary file in dir, fsynced, renamed over the name, and the directory fsynced;
  // builders in other processes serialise on dir/<name>.lock (flock; where the file system lacks it, each
  // builder still renames a complete file, so readers never see a partial one). A freshly built file whose
  // graph has a published digest is checked against it.
  // Throws sa::Error: Usage (bad spec or options), Io (directory, file, mmap), Internal (a generated file
  // that disagrees with the published digest: a bug here, not a disk problem).
  static ParentCache open(const std::filesystem::path& dir, const GraphSpec& spec,
                          const ParentCacheOptions& options = {});
  // The whole cache generated in memory (tests, small graphs); path() is empty.
  static ParentCache in_memory(const GraphSpec& spec, int threads = 1);

  // "v28-sdr-parent-<64 hex>.cache": hex of SHA-256("poseidon_hasher" || graph identifier || the 4 Feistel
  // keys u64 LE || u32_le(nodes)).
  static std::string file_name(const GraphSpec& spec);
  // The digest of parent_cache.json for this graph (ids 0–9), or nullopt.
  static std::optional<Sha256Digest> published_digest(const GraphSpec& spec);

  ParentCache(ParentCache&& other) noexcept;
  ParentCache& operator=(ParentCache&& other) noexcept;
  ParentCache(const ParentCache&) = delete;
  ParentCache& operator=(const ParentCache&) = delete;
  ~ParentCache();

  // The 14 parents of node (< nodes()): 6 base, then 8 expander. No bounds check. Thread-safe.
  const std::uint32_t* parents(std::uint64_t node) const { return data_ + node * kParentsPerNode; }
  const std::uint32_t* data() const { return data_; }
  std::uint64_t nodes() const { return spec_.nodes; }
  const GraphSpec& spec() const { return spec_; }
  std::filesystem::path path() const { return path_; }
  // True when open() had to (re)build the file because it was missing or failed its check.
  bool rebuilt() const { return rebuilt_; }

 private:
  ParentCache() = default;
  void release() noexcept;

  GraphSpec spec_{};
  std::filesystem::path path_;
  const std::uint32_t* data_ = nullptr;
  void* map_ = nullptr;  // mmap of the file, or nullptr for in-memory caches
  std::size_t map_bytes_ = 0;
  std::vector<std::uint32_t> memory_;
  bool rebuilt_ = false;
};

// Size in bytes of the cache file of a graph: nodes · 14 · 4.
constexpr std::uint64_t parent_cache_bytes(std::uint64_t nodes) { return nodes * kParentsPerNode * 4; }

}  // namespace sa::kernels
