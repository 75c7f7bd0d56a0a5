// derived__sdr-parents-and-labels.txt, graph part: for every section (2KiB ids 0 and 5, the 64-node test
// graph, first/middle/last nodes of the 512MiB, 32GiB and 64GiB V1_1 graphs) the porep_id, DRG seed,
// Feistel keys and masks, and every listed node's 14 parents; for the 2KiB graphs also the whole-file
// SHA-256 the TRUST line quotes (= the official parent_cache.json digest).
#include <gtest/gtest.h>

#include <regex>
#include <vector>

#include "graph/parent_cache.hpp"
#include "graph/parents.hpp"
#include "sdr_vector_file.hpp"

namespace sa::kernels {
namespace {

using namespace sa::vectors;

constexpr char kFile[] = "derived__sdr-parents-and-labels.txt";

class SdrParentVectors : public ::testing::Test {
 protected:
  void SetUp() override {
    SA_LOAD_VECTOR_FILE(text, kFile);
    file_ = parse_sdr_vector_file(text);
  }
  SdrVectorFile file_;
};

TEST_F(SdrParentVectors, EveryLineIsUnderstood) {
  EXPECT_TRUE(file_.unrecognised.empty()) << "first unrecognised line: " << file_.unrecognised.front();
  ASSERT_EQ(file_.sections.size(), 6u);
  std::size_t nodes = 0;
  for (const auto& s : file_.sections) {
    EXPECT_TRUE(s.spec.has_value()) << "no graph for section: " << s.title;
    nodes += s.parents.size();
  }
  EXPECT_EQ(nodes, 64u + 64u + 64u + 3u * 15u);
}

TEST_F(SdrParentVectors, SeedsKeysAndMasks) {
  for (const auto& s : file_.sections) {
    if (!s.spec) continue;
    SCOPED_TRACE(s.title);
    if (!s.porep_id_hex.empty()) {
      EXPECT_EQ(hex_of(s.spec->porep_id.data(), 32), s.porep_id_hex);
    }
    const ParentGenerator gen(*s.spec);
    EXPECT_EQ(hex_of(gen.seeds().drg_seed.data(), 28), s.drg_seed_hex);
    ASSERT_EQ(s.feistel_keys.size(), 4u);
    for (std::size_t k = 0; k < 4; ++k) EXPECT_EQ(gen.seeds().feistel_keys[k], s.feistel_keys[k]) << "key " << k;
    if (s.precompute) {
      EXPECT_EQ((*s.precompute)[0], s.spec->nodes * kExpanderDegree);
      EXPECT_EQ(gen.feistel().left_mask(), (*s.precompute)[1]);
      EXPECT_EQ(gen.feistel().right_mask(), (*s.precompute)[2]);
      EXPECT_EQ(gen.feistel().half_bits(), (*s.precompute)[3]);
    }
  }
}

TEST_F(SdrParentVectors, EveryListedNode) {
  int checked = 0;
  for (const auto& s : file_.sections) {
    if (!s.spec) continue;
    SCOPED_TRACE(s.title);
    const ParentGenerator gen(*s.spec);
    for (const auto& [node, want] : s.parents) {
      std::uint32_t got[kParentsPerNode];
      gen.node_parents(node, got);
      EXPECT_TRUE(std::equal(want.begin(), want.end(), got)) << "node " << node;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 64 * 3 + 3 * 15);
}

TEST_F(SdrParentVectors, TwoKiBWholeCacheDigests) {
  const std::regex digest_re(R"(SHA-256 of these 64\*14 u32-LE parents = ([0-9a-f]{64}))");
  int checked = 0;
  for (const auto& s : file_.sections) {
    std::smatch m;
    if (!s.spec || !std::regex_search(s.trust, m, digest_re)) continue;
    SCOPED_TRACE(s.title);
    ASSERT_EQ(s.parents.size(), s.spec->nodes);
    std::vector<std::uint32_t> listed;
    for (const auto& [node, p] : s.parents) listed.insert(listed.end(), p.begin(), p.end());
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(listed.data());
    EXPECT_EQ(hex_of(sha256(bytes, listed.size() * 4).data(), 32), m[1].str());
    const ParentCache cache = ParentCache::in_memory(*s.spec);
    EXPECT_EQ(hex_of(sha256(reinterpret_cast<const std::uint8_t*>(cache.data()), listed.size() * 4).data(), 32),
              m[1].str());
    ++checked;
  }
  EXPECT_EQ(checked, 2);
}

}  // namespace
}  // namespace sa::kernels
