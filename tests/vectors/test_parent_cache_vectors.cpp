// rust-fil-proofs__parent-cache-manifest.txt: the file names of all 10 published caches and the 10 derived
// stems of ids 10–19, the embedded digest table against the manifest, and the full-cache SHA-256 of the
// 2KiB (ids 0, 5) and 8MiB (ids 1, 6) graphs. The 512MiB digest has its own, slower test binary.
#include <gtest/gtest.h>

#include <thread>

#include "graph/parent_cache.hpp"
#include "parent_cache_manifest.hpp"

namespace sa::kernels {
namespace {

using namespace sa::vectors;

constexpr char kFile[] = "rust-fil-proofs__parent-cache-manifest.txt";

class ParentCacheManifestVectors : public ::testing::Test {
 protected:
  void SetUp() override {
    SA_LOAD_VECTOR_FILE(text, kFile);
    manifest_ = parse_parent_cache_manifest(text);
  }
  const ManifestEntry& entry(int id) const {
    for (const auto& e : manifest_.entries) {
      if (e.proof_id == id) return e;
    }
    throw std::runtime_error("no manifest entry for id " + std::to_string(id));
  }
  ParentCacheManifest manifest_;
};

int threads() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

TEST_F(ParentCacheManifestVectors, EveryLineIsUnderstood) {
  EXPECT_TRUE(manifest_.unrecognised.empty()) << manifest_.unrecognised.front();
  EXPECT_EQ(manifest_.entries.size(), 20u);
}

TEST_F(ParentCacheManifestVectors, FileNamesOfAllTwentyProofs) {
  for (const auto& e : manifest_.entries) {
    const GraphSpec spec = GraphSpec::for_proof(params::SealProof{e.proof_id});
    EXPECT_EQ(ParentCache::file_name(spec), e.stem + ".cache") << "proof id " << e.proof_id;
    if (e.sector_size != 0) {
      EXPECT_EQ(spec.nodes * 32, e.sector_size) << "proof id " << e.proof_id;
    }
  }
}

TEST_F(ParentCacheManifestVectors, EmbeddedDigestsEqualTheManifest) {
  for (const auto& e : manifest_.entries) {
    const auto digest = ParentCache::published_digest(GraphSpec::for_proof(params::SealProof{e.proof_id}));
    if (e.digest.empty()) {
      EXPECT_FALSE(digest.has_value()) << "proof id " << e.proof_id;
    } else {
      ASSERT_TRUE(digest.has_value()) << "proof id " << e.proof_id;
      EXPECT_EQ(hex_of(digest->data(), 32), e.digest) << "proof id " << e.proof_id;
    }
  }
}

TEST_F(ParentCacheManifestVectors, WholeCacheDigests2KiBAnd8MiB) {
  for (const int id : {0, 5, 1, 6}) {
    const GraphSpec spec = GraphSpec::for_proof(params::SealProof{id});
    EXPECT_EQ(parent_cache_digest_hex(spec, threads()), entry(id).digest) << "proof id " << id;
  }
}

}  // namespace
}  // namespace sa::kernels
