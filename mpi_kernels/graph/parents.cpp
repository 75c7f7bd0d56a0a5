// ParentGenerator and threaded range generation (proofs.md §3.2–3.4).
#include "graph/parents.hpp"

#include <algorithm>
#include <exception>
#include <string>
#include <thread>
#include <vector>

#include "base/error.hpp"
#include "graph/drg_parents.hpp"

namespace sa::kernels {

namespace {

GraphSpec validated(const GraphSpec& spec) {
  validate(spec);
  return spec;
}

}  // namespace

ParentGenerator::ParentGenerator(const GraphSpec& spec)
    : spec_(validated(spec)),
      seeds_(graph_seeds(spec.porep_id)),
      feistel_(spec.nodes * kExpanderDegree, seeds_.feistel_keys) {}

void ParentGenerator::expander_parents(std::uint64_t node, std::uint32_t out[kExpanderDegree]) const {
  for (int i = 0; i < kExpanderDegree; ++i) {
    const std::uint64_t t = feistel_.permute(node * kExpanderDegree + static_cast<std::uint64_t>(i));
    // Legacy V1 truncates to u32 before dividing (the "pathology" of proofs.md §3.3).
    out[i] = spec_.legacy ? static_cast<std::uint32_t>(t) / kExpanderDegree
                          : static_cast<std::uint32_t>(t / kExpanderDegree);
  }
}

void ParentGenerator::node_parents(std::uint64_t node, std::uint32_t out[kParentsPerNode]) const {
  drg_parents(seeds_.drg_seed, node, spec_.legacy, out);
  expander_parents(node, out + kBaseDegree);
}

void generate_parents(const ParentGenerator& gen, std::uint64_t first_node, std::uint64_t count,
                      std::uint32_t* out, int threads) {
  const std::uint64_t nodes = gen.spec().nodes;
  if (first_node > nodes || count > nodes - first_node) {
    throw Error(ErrorKind::Usage, "generate_parents: nodes " + std::to_string(first_node) + " + " +
                                      std::to_string(count) + " outside a graph of " + std::to_string(nodes));
  }
  if (threads < 1) throw Error(ErrorKind::Usage, "generate_parents: threads must be >= 1");
  const auto run = [&gen, out, first_node](std::uint64_t begin, std::uint64_t end) {
    for (std::uint64_t v = begin; v < end; ++v) gen.node_parents(v, out + (v - first_node) * kParentsPerNode);
  };
  const std::uint64_t workers = std::min<std::uint64_t>(static_cast<std::uint64_t>(threads), count / 256 + 1);
  if (workers <= 1) {
    run(first_node, first_node + count);
    return;
  }
  // Contiguous slices, one per thread: per-node cost is uniform, so static splitting balances well.
  std::vector<std::thread> pool;
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(workers));
  for (std::uint64_t t = 0; t < workers; ++t) {
    const std::uint64_t begin = first_node + count * t / workers;
    const std::uint64_t end = first_node + count * (t + 1) / workers;
    pool.emplace_back([&run, &errors, t, begin, end] {
      try {
        run(begin, end);
      } catch (...) {
        errors[static_cast<std::size_t>(t)] = std::current_exception();
      }
    });
  }
  for (auto& th : pool) th.join();
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

void generate_parents(const GraphSpec& spec, std::uint64_t first_node, std::uint64_t count, std::uint32_t* out,
                      int threads) {
  generate_parents(ParentGenerator(spec), first_node, count, out, threads);
}

}  // namespace sa::kernels
