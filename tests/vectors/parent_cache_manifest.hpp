// Parser of rust-fil-proofs__parent-cache-manifest.txt (parent_cache.json plus the derived proof ids),
// shared by the parent cache vector tests, and the whole-cache digest computed in bounded memory.
#pragma once

#include <algorithm>
#include <cstdint>
#include <regex>
#include <string>
#include <vector>

#include "graph/parents.hpp"
#include "hash/sha256.hpp"
#include "vector_files.hpp"

namespace sa::vectors {

struct ManifestEntry {
  std::string stem;           // "v28-sdr-parent-<hex>"
  std::uint64_t sector_size = 0;
  std::string digest;         // empty for ids 10–19 (no published digest)
  int proof_id = -1;
};

struct ParentCacheManifest {
  std::vector<ManifestEntry> entries;
  std::vector<std::string> unrecognised;
};

inline ParentCacheManifest parse_parent_cache_manifest(const std::string& text) {
  static const std::regex row_re(R"(^(v28-sdr-parent-[0-9a-f]{64}) \| (\d+) \| ([0-9a-f]{64}) \| (\d+) StackedDrg)");
  static const std::regex unpublished_re(R"(^# id (\d+): (v28-sdr-parent-[0-9a-f]{64})$)");
  ParentCacheManifest out;
  for (const std::string& line : split_lines(text)) {
    std::smatch m;
    if (std::regex_search(line, m, row_re)) {
      out.entries.push_back({m[1], std::stoull(m[2]), m[3], std::stoi(m[4])});
    } else if (std::regex_search(line, m, unpublished_re)) {
      out.entries.push_back({m[2], 0, "", std::stoi(m[1])});
    } else if (!is_comment_or_blank(line)) {
      out.unrecognised.push_back(line);
    }
  }
  return out;
}

// SHA-256 of the whole parent cache file of spec, generated chunk by chunk with threads.
inline std::string parent_cache_digest_hex(const kernels::GraphSpec& spec, int threads) {
  const kernels::ParentGenerator gen(spec);
  constexpr std::uint64_t kChunk = std::uint64_t{1} << 18;
  std::vector<std::uint32_t> buf(static_cast<std::size_t>(std::min(kChunk, spec.nodes) * kernels::kParentsPerNode));
  kernels::Sha256 hasher;
  for (std::uint64_t first = 0; first < spec.nodes; first += kChunk) {
    const std::uint64_t count = std::min(kChunk, spec.nodes - first);
    kernels::generate_parents(gen, first, count, buf.data(), threads);
    hasher.update(reinterpret_cast<const std::uint8_t*>(buf.data()), count * kernels::kParentsPerNode * 4);
  }
  const auto d = hasher.finish();
  return hex_of(d.data(), d.size());
}

}  // namespace sa::vectors
