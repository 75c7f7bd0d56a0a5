// SDR labelling: the multicore labeller gives the reference's bytes on several graphs (V1 legacy and V1_1,
// 64 to 2^14 nodes so nodes both below and above 2000 take their paths), several producer counts, tiny
// and odd ring sizes and strides, pinned and unpinned; label_all_layers hands every layer over in order;
// bad arguments are usage errors.
#include <gtest/gtest.h>

#include <sched.h>

#include <vector>

#include "base/error.hpp"
#include "sdr/label_layer.hpp"
#include "sdr/replica_id.hpp"
#include "test_bytes.hpp"

namespace sa::kernels {
namespace {

using testing::hex;

Commitment some_replica_id(std::uint8_t seed) {
  Commitment r{};
  for (std::size_t i = 0; i < 32; ++i) r[i] = static_cast<std::uint8_t>(seed * 31 + i * 7);
  r[31] &= 0x3f;
  return r;
}

// All layers with the reference implementation, layer by layer.
std::vector<std::vector<std::uint8_t>> reference_layers(const ParentCache& cache, const Commitment& rid) {
  std::vector<std::vector<std::uint8_t>> layers;
  for (int l = 1; l <= cache.spec().layers; ++l) {
    layers.emplace_back(cache.nodes() * 32);
    label_layer_reference(cache, rid, l, l == 1 ? nullptr : layers[layers.size() - 2].data(), layers.back().data());
  }
  return layers;
}

void expect_multicore_equals_reference(const GraphSpec& spec, const LabelOptions& options) {
  const ParentCache cache = ParentCache::in_memory(spec);
  const Commitment rid = some_replica_id(static_cast<std::uint8_t>(spec.nodes));
  const auto want = reference_layers(cache, rid);
  std::vector<std::uint8_t> got(spec.nodes * 32);
  for (int l = 1; l <= spec.layers; ++l) {
    // Each layer starts from the reference's previous layer, so a mismatch names its layer.
    label_layer_multicore(cache, rid, l, l == 1 ? nullptr : want[static_cast<std::size_t>(l - 2)].data(), got.data(),
                          options);
    ASSERT_EQ(got, want[static_cast<std::size_t>(l - 1)])
        << spec.nodes << " nodes, legacy " << spec.legacy << ", layer " << l << ", producers " << options.producers
        << ", lookahead " << options.lookahead << ", stride " << options.producer_stride;
  }
}

std::vector<GraphSpec> graphs() {
  return {
      GraphSpec::for_proof(params::SealProof{0}),                           // 2KiB V1 (legacy)
      GraphSpec::for_proof(params::SealProof{5}),                           // 2KiB V1_1
      GraphSpec{3000, 3, params::SealProof{2}.porep_id(), true},            // legacy, crosses node 2000
      GraphSpec{std::uint64_t{1} << 14, 3, params::SealProof{7}.porep_id(), false},
      GraphSpec{5001, 2, params::SealProof{17}.porep_id(), false},          // odd size, NI-PoRep seed
  };
}

TEST(LabelLayer, MulticoreEqualsReferenceOnSeveralGraphs) {
  for (const GraphSpec& spec : graphs()) {
    for (const int producers : {1, 2, 3}) {
      LabelOptions options;
      options.producers = producers;
      expect_multicore_equals_reference(spec, options);
    }
  }
}

TEST(LabelLayer, MulticoreWithTinyRingsAndStrides) {
  const GraphSpec spec{4500, 2, params::SealProof{8}.porep_id(), false};
  for (const auto& [lookahead, stride] : {std::pair<std::uint64_t, std::uint64_t>{1, 1}, {7, 3}, {16, 128},
                                          {800, 1}, {100000, 5000}}) {
    LabelOptions options;
    options.producers = 4;
    options.lookahead = lookahead;
    options.producer_stride = stride;
    expect_multicore_equals_reference(spec, options);
  }
}

TEST(LabelLayer, MulticorePinnedToAllowedCores) {
  cpu_set_t set;
  ASSERT_EQ(sched_getaffinity(0, sizeof set, &set), 0);
  std::vector<int> allowed;
  for (int c = 0; c < CPU_SETSIZE; ++c) {
    if (CPU_ISSET(c, &set)) allowed.push_back(c);
  }
  ASSERT_FALSE(allowed.empty());
  LabelOptions options;
  options.producers = 2;
  for (int i = 0; i < 3; ++i) options.cores.push_back(allowed[static_cast<std::size_t>(i) % allowed.size()]);
  expect_multicore_equals_reference(GraphSpec{2500, 2, params::SealProof{6}.porep_id(), false}, options);
  // The caller's own affinity is untouched: pinning happens in the labeller's threads.
  cpu_set_t after;
  ASSERT_EQ(sched_getaffinity(0, sizeof after, &after), 0);
  EXPECT_TRUE(CPU_EQUAL(&set, &after));
}

TEST(LabelLayer, PinningToAMissingCoreIsAResourceError) {
  const ParentCache cache = ParentCache::in_memory(GraphSpec::for_proof(params::SealProof{5}));
  std::vector<std::uint8_t> out(64 * 32);
  LabelOptions options;
  options.multicore = true;
  options.producers = 1;
  options.cores = {CPU_SETSIZE - 1, 0};
  try {
    label_layer(cache, some_replica_id(1), 1, nullptr, out.data(), options);
    FAIL() << "expected sa::Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Resource) << e.what();
  }
}

TEST(LabelLayer, BadArgumentsAreUsageErrors) {
  const ParentCache cache = ParentCache::in_memory(GraphSpec::for_proof(params::SealProof{5}));
  std::vector<std::uint8_t> a(64 * 32), b(64 * 32);
  const Commitment rid = some_replica_id(2);
  for (const bool multicore : {false, true}) {
    LabelOptions options;
    options.multicore = multicore;
    EXPECT_THROW(label_layer(cache, rid, 0, nullptr, a.data(), options), Error);
    EXPECT_THROW(label_layer(cache, rid, 3, a.data(), b.data(), options), Error);  // 2KiB has 2 layers
    EXPECT_THROW(label_layer(cache, rid, 2, nullptr, b.data(), options), Error);
    EXPECT_THROW(label_layer(cache, rid, 1, a.data(), b.data(), options), Error);
    EXPECT_THROW(label_layer(cache, rid, 1, nullptr, nullptr, options), Error);
  }
  LabelOptions bad;
  bad.multicore = true;
  bad.producers = 0;
  EXPECT_THROW(label_layer(cache, rid, 1, nullptr, a.data(), bad), Error);
  bad.producers = 2;
  bad.cores = {0, 1};  // needs 3
  EXPECT_THROW(label_layer(cache, rid, 1, nullptr, a.data(), bad), Error);
  bad.cores.clear();
  bad.lookahead = 0;
  EXPECT_THROW(label_layer(cache, rid, 1, nullptr, a.data(), bad), Error);
}

TEST(LabelAllLayers, EveryLayerInOrderWithBothImplementations) {
  const GraphSpec spec{2100, 4, params::SealProof{5}.porep_id(), false};
  const ParentCache cache = ParentCache::in_memory(spec);
  const Commitment rid = some_replica_id(3);
  const auto want = reference_layers(cache, rid);
  for (const bool multicore : {false, true}) {
    LabelOptions options;
    options.multicore = multicore;
    options.producers = 2;
    int next = 1;
    label_all_layers(cache, rid, options, [&](int layer, const std::uint8_t* labels) {
      ASSERT_EQ(layer, next++);
      EXPECT_TRUE(std::equal(labels, labels + spec.nodes * 32, want[static_cast<std::size_t>(layer - 1)].begin()))
          << "layer " << layer;
    });
    EXPECT_EQ(next, spec.layers + 1);
  }
}

}  // namespace
}  // namespace sa::kernels
