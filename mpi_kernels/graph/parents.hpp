// All 14 parents of SDR nodes, in the parent cache's record order: 6 base (DRG) then 8 expander parents
// (proofs.md §3.2–3.4; rust-fil-proofs storage-proofs-porep/src/stacked/vanilla/graph.rs). Generation is
// independent per node, so it splits over threads.
#pragma once

#include <cstdint>

#include "graph/feistel.hpp"
#include "graph/graph_spec.hpp"

namespace sa::kernels {

class ParentGenerator {
 public:
  // Validates the spec (sa::Error(Usage)) and precomputes the seeds and the Feistel table.
  explicit ParentGenerator(const GraphSpec& spec);

  // out[0..14] for node < spec.nodes. Thread-safe.
  void node_parents(std::uint64_t node, std::uint32_t out[kParentsPerNode]) const;
  // The 8 expander parents only: permute(8·node + i) / 8, truncated to u32 first in legacy graphs.
  void expander_parents(std::uint64_t node, std::uint32_t out[kExpanderDegree]) const;

  const GraphSpec& spec() const { return spec_; }
  const GraphSeeds& seeds() const { return seeds_; }
  const Feistel& feistel() const { return feistel_; }

 private:
  GraphSpec spec_;
  GraphSeeds seeds_;
  Feistel feistel_;
};

// out receives 14·count u32 for nodes first_node .. first_node+count-1 (must lie inside the graph, else
// sa::Error(Usage)). threads >= 1 splits the range; the result does not depend on it.
void generate_parents(const ParentGenerator& gen, std::uint64_t first_node, std::uint64_t count,
                      std::uint32_t* out, int threads = 1);
void generate_parents(const GraphSpec& spec, std::uint64_t first_node, std::uint64_t count, std::uint32_t* out,
                      int threads = 1);

}  // namespace sa::kernels
