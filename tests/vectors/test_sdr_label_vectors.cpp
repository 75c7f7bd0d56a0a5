// SDR labels: rust-fil-proofs__sdr-last-label.txt (last label of 11-layer runs on 64/128-node graphs,
// porep_id [0;32] legacy V1_0_0 and [123;32] V1_1/V1_2, replica_id [9;32]) and, from
// derived__sdr-parents-and-labels.txt, every label of all 11 layers of the 64-node [123;32] trace. Both
// the reference and the multicore labeller must reproduce them.
#include <gtest/gtest.h>

#include <regex>

#include "sdr/label_layer.hpp"
#include "sdr_vector_file.hpp"

namespace sa::kernels {
namespace {

using namespace sa::vectors;

Commitment replica_nines() {
  Commitment r{};
  r.fill(9);
  return r;
}

std::vector<LabelOptions> both_impls() {
  LabelOptions reference;
  LabelOptions multicore;
  multicore.multicore = true;
  multicore.producers = 2;
  return {reference, multicore};
}

const char* impl_name(const LabelOptions& o) { return o.multicore ? "multicore" : "reference"; }

TEST(SdrLastLabelVectors, FourUpstreamCases) {
  SA_LOAD_VECTOR_FILE(text, "rust-fil-proofs__sdr-last-label.txt");
  const std::regex row(R"(^(\d+) nodes \(sector_size arg (\d+) bytes\) \| \[(\d+)u8;32\] \| (V1_\d_0)[^|]* \| ([0-9a-f]{64})$)");
  int cases = 0;
  for (const std::string& line : split_lines(text)) {
    if (is_comment_or_blank(line)) continue;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(line, m, row)) << "vector line not understood: " << line;
    const std::uint64_t nodes = std::stoull(m[1]);
    ASSERT_EQ(nodes * 32, std::stoull(m[2])) << line;
    PorepId porep{};
    porep.fill(static_cast<std::uint8_t>(std::stoi(m[3])));
    GraphSpec spec = GraphSpec::for_porep_id(nodes, 11, porep);
    ASSERT_EQ(spec.legacy, m[4] == "V1_0_0") << line;
    const ParentCache cache = ParentCache::in_memory(spec);
    for (const LabelOptions& options : both_impls()) {
      std::string last;
      label_all_layers(cache, replica_nines(), options, [&](int layer, const std::uint8_t* labels) {
        if (layer == 11) last = hex_of(labels + 32 * (nodes - 1), 32);
      });
      EXPECT_EQ(last, m[5].str()) << impl_name(options) << ": " << line;
    }
    ++cases;
  }
  EXPECT_EQ(cases, 4);
}

TEST(SdrLabelTraceVectors, AllElevenLayersOfThe64NodeGraph) {
  SA_LOAD_VECTOR_FILE(text, "derived__sdr-parents-and-labels.txt");
  const SdrVectorFile file = parse_sdr_vector_file(text);
  const SdrSection* trace = nullptr;
  for (const auto& s : file.sections) {
    if (!s.labels.empty()) trace = &s;
  }
  ASSERT_NE(trace, nullptr) << "no section with labels";
  ASSERT_TRUE(trace->spec.has_value());
  ASSERT_NE(trace->title.find("replica_id = 0909..09"), std::string::npos) << trace->title;
  const GraphSpec& spec = *trace->spec;
  ASSERT_EQ(trace->labels.size(), spec.nodes * static_cast<std::uint64_t>(spec.layers));
  const ParentCache cache = ParentCache::in_memory(spec);
  for (const LabelOptions& options : both_impls()) {
    std::size_t checked = 0;
    label_all_layers(cache, replica_nines(), options, [&](int layer, const std::uint8_t* labels) {
      for (std::uint64_t v = 0; v < spec.nodes; ++v) {
        const auto it = trace->labels.find({layer, v});
        ASSERT_NE(it, trace->labels.end()) << "layer " << layer << " node " << v;
        ASSERT_EQ(hex_of(labels + 32 * v, 32), it->second) << impl_name(options) << ": layer " << layer << " node " << v;
        ++checked;
      }
    });
    EXPECT_EQ(checked, trace->labels.size()) << impl_name(options);
  }
}

}  // namespace
}  // namespace sa::kernels
