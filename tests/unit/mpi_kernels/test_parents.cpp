// SDR graph specs and parent generation: specs of all 20 registered proofs, spec validation, the structural
// rules of proofs.md §3.2 (nodes 0/1, predecessor first or last, base parents below the node, expander
// parents inside the graph), and thread-count independence of generate_parents.
#include <gtest/gtest.h>

#include <vector>

#include "base/error.hpp"
#include "graph/parents.hpp"

namespace sa::kernels {
namespace {

TEST(GraphSpec, ForEveryRegisteredProof) {
  for (std::int64_t id = 0; id <= params::kMaxSealProofId; ++id) {
    const params::SealProof proof{id};
    const GraphSpec spec = GraphSpec::for_proof(proof);
    EXPECT_EQ(spec.nodes, params::nodes(proof.size())) << id;
    EXPECT_EQ(spec.layers, params::sdr_layers(proof.size())) << id;
    EXPECT_EQ(spec.porep_id, proof.porep_id()) << id;
    EXPECT_EQ(spec.legacy, id <= 4) << id;
    EXPECT_EQ(is_legacy_porep_id(spec.porep_id), id <= 4) << id;
  }
}

TEST(GraphSpec, ForPorepIdFollowsTheLegacyRule) {
  EXPECT_TRUE(GraphSpec::for_porep_id(64, 11, PorepId{}).legacy);
  PorepId p{};
  p.fill(123);
  EXPECT_FALSE(GraphSpec::for_porep_id(64, 11, p).legacy);
}

TEST(GraphSpec, ValidateRejectsOutOfRange) {
  EXPECT_THROW(validate(GraphSpec{1, 2, {}, false}), Error);
  EXPECT_THROW(validate(GraphSpec{std::uint64_t{1} << 32, 2, {}, false}), Error);
  EXPECT_THROW(validate(GraphSpec{64, 0, {}, false}), Error);
  EXPECT_NO_THROW(validate(GraphSpec{2, 1, {}, false}));
  EXPECT_NO_THROW(validate(GraphSpec{100, 3, {}, false}));  // any node count, not only powers of two
}

void check_structure(const GraphSpec& spec) {
  std::vector<std::uint32_t> all(spec.nodes * kParentsPerNode);
  generate_parents(spec, 0, spec.nodes, all.data());
  for (std::uint64_t v = 0; v < spec.nodes; ++v) {
    const std::uint32_t* p = all.data() + v * kParentsPerNode;
    for (int i = 0; i < kBaseDegree; ++i) {
      if (v < 2) {
        ASSERT_EQ(p[i], 0u) << v;
      } else {
        ASSERT_LT(p[i], v) << v;
      }
    }
    if (v >= 2) {
      ASSERT_EQ(p[spec.legacy ? 5 : 0], v - 1) << v;
    }
    for (int i = kBaseDegree; i < kParentsPerNode; ++i) ASSERT_LT(p[i], spec.nodes) << v;
  }
}

TEST(Parents, StructureOfBothGraphVersions) {
  check_structure(GraphSpec::for_proof(params::SealProof{0}));
  check_structure(GraphSpec::for_proof(params::SealProof{5}));
  check_structure(GraphSpec{1000, 2, params::SealProof{12}.porep_id(), false});
  check_structure(GraphSpec{777, 2, params::SealProof{3}.porep_id(), true});
}

TEST(Parents, ThreadCountDoesNotChangeTheResult) {
  const GraphSpec spec{50000, 2, params::SealProof{7}.porep_id(), false};
  const ParentGenerator gen(spec);
  std::vector<std::uint32_t> one(20000 * kParentsPerNode), four(one.size());
  generate_parents(gen, 30000, 20000, one.data(), 1);
  generate_parents(gen, 30000, 20000, four.data(), 4);
  EXPECT_EQ(one, four);
  std::uint32_t single[kParentsPerNode];
  gen.node_parents(30000 + 1234, single);
  EXPECT_TRUE(std::equal(single, single + kParentsPerNode, one.data() + 1234 * kParentsPerNode));
}

TEST(Parents, RangeOutsideTheGraphIsAUsageError) {
  const GraphSpec spec = GraphSpec::for_proof(params::SealProof{5});
  std::vector<std::uint32_t> out(2 * kParentsPerNode);
  EXPECT_THROW(generate_parents(spec, 63, 2, out.data()), Error);
  EXPECT_THROW(generate_parents(spec, 0, 1, out.data(), 0), Error);
  EXPECT_NO_THROW(generate_parents(spec, 62, 2, out.data()));
}

}  // namespace
}  // namespace sa::kernels
