// rust-fil-proofs__parent-cache-manifest.txt, 512MiB V1_1 (proof id 7) and V1 (id 2, legacy order): the
// SHA-256 of the whole 939,524,096-byte parent cache (2^24 nodes), generated with every core. Its own binary and CTest entry
// because it takes seconds to minutes where the other vector tests take milliseconds.
#include <gtest/gtest.h>

#include <thread>

#include "parent_cache_manifest.hpp"

namespace sa::kernels {
namespace {

using namespace sa::vectors;

void check_whole_cache_digest(int proof_id) {
  SA_LOAD_VECTOR_FILE(text, "rust-fil-proofs__parent-cache-manifest.txt");
  const ParentCacheManifest manifest = parse_parent_cache_manifest(text);
  std::string want;
  for (const auto& e : manifest.entries) {
    if (e.proof_id == proof_id) want = e.digest;
  }
  ASSERT_EQ(want.size(), 64u);
  const int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  EXPECT_EQ(parent_cache_digest_hex(GraphSpec::for_proof(params::SealProof{proof_id}), threads), want);
}

TEST(ParentCache512MiBVectors, WholeCacheDigestOfProofId7) { check_whole_cache_digest(7); }

TEST(ParentCache512MiBVectors, WholeCacheDigestOfProofId2Legacy) { check_whole_cache_digest(2); }

}  // namespace
}  // namespace sa::kernels
