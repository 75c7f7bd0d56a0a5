// rust-fil-proofs__parent-cache-manifest.txt, 512MiB V1_1 (proof id 7): the SHA-256 of the whole
// 939,524,096-byte parent cache (2^24 nodes), generated with every core. Its own binary and CTest entry
// because it takes seconds to minutes where the other vector tests take milliseconds.
#include <gtest/gtest.h>

#include <thread>

#include "parent_cache_manifest.hpp"

namespace sa::kernels {
namespace {

using namespace sa::vectors;

TEST(ParentCache512MiBVectors, WholeCacheDigestOfProofId7) {
  SA_LOAD_VECTOR_FILE(text, "rust-fil-proofs__parent-cache-manifest.txt");
  const ParentCacheManifest manifest = parse_parent_cache_manifest(text);
  std::string want;
  for (const auto& e : manifest.entries) {
    if (e.proof_id == 7) want = e.digest;
  }
  ASSERT_EQ(want.size(), 64u);
  const int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  EXPECT_EQ(parent_cache_digest_hex(GraphSpec::for_proof(params::SealProof{7}), threads), want);
}

}  // namespace
}  // namespace sa::kernels
