// bench: the kernel rates `sealadapter bench` reports, measured in one run on this machine so their ratios
// mean something: single-stream SHA-256 compressions/s, the PC1 label rate (reference and multicore) in
// compressions/s on the sector size's graph (at most 2^20 nodes of it), and Poseidon hashes/s per arity.
// Inputs: {"seconds": per measurement (default 1)}. The sector in the manifest picks the graph.
#include <chrono>
#include <vector>

#include "contract/json_fields.hpp"
#include "graph/graph_spec.hpp"
#include "graph/parent_cache.hpp"
#include "hash/poseidon_batch.hpp"
#include "hash/sha256.hpp"
#include "hash/sha256_rate.hpp"
#include "runtime/cpu_binding.hpp"
#include "sdr/label_layer.hpp"
#include "stages/sector_context.hpp"
#include "stages/stage.hpp"

namespace sa::jobs {

namespace k = sa::kernels;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Labels per second of layer 2 (14 parents, the common case), repeated until `budget` seconds passed.
double label_rate(const k::ParentCache& cache, const k::LabelOptions& o, double budget) {
  const std::uint64_t n = cache.nodes();
  std::vector<std::uint8_t> prev(n * 32), cur(n * 32);
  k::Commitment rid{};
  rid[0] = 1;
  k::label_layer(cache, rid, 1, nullptr, prev.data(), o);
  std::uint64_t labels = 0;
  auto t0 = Clock::now();
  do {
    k::label_layer(cache, rid, 2, prev.data(), cur.data(), o);
    labels += n;
  } while (seconds_since(t0) < budget);
  return static_cast<double>(labels) / seconds_since(t0);
}

double poseidon_rate(int arity, double budget) {
  const std::uint64_t batch = 4096;
  std::vector<std::uint8_t> in(batch * static_cast<std::uint64_t>(arity) * 32, 0), out(batch * 32);
  for (std::size_t i = 0; i < in.size(); i += 32) in[i] = static_cast<std::uint8_t>(i / 32);
  std::uint64_t hashes = 0;
  auto t0 = Clock::now();
  do {
    k::poseidon_hash_many(in.data(), batch, arity, out.data(), 1);
    hashes += batch;
  } while (seconds_since(t0) < budget);
  return static_cast<double>(hashes) / seconds_since(t0);
}

}  // namespace

nlohmann::json run_bench(StageContext& ctx) {
  SectorContext s(ctx.manifest);
  const double budget = optional_field<double>(ctx.manifest.inputs, "seconds", 1.0, "inputs");
  if (ctx.mpi.rank() != 0) return nlohmann::json::object();
  const k::Sha256Impl impl = k::resolve(k::Sha256Impl::Auto);
  const double sha = k::measure_sha256_rate(budget, impl);

  k::GraphSpec spec = k::GraphSpec::for_proof(s.proof);
  spec.nodes = std::min<std::uint64_t>(spec.nodes, 1ull << 20);  // the rate does not depend on the graph's size
  k::ParentCache cache = k::ParentCache::in_memory(spec, static_cast<int>(allowed_cpus().size()));
  k::LabelOptions reference;
  k::LabelOptions multicore;
  multicore.multicore = true;
  multicore.producers = std::max(1, std::min(ctx.settings.multicore_sdr_producers, static_cast<int>(allowed_cpus().size()) - 1));
  multicore.cores = sdr_core_group(multicore.producers + 1);
  const double ref_labels = label_rate(cache, reference, budget);
  const double mc_labels = label_rate(cache, multicore, budget);
  // A label hashes 1248 bytes + padding: 20 SHA-256 compressions.
  nlohmann::json poseidon = nlohmann::json::object();
  for (int arity : {2, 8, 11}) poseidon[std::to_string(arity)] = poseidon_rate(arity, budget);
  return {{"sha256_impl", std::string(k::sha256_impl_name(impl))},
          {"sha256_compressions_per_second", sha},
          {"label_graph_nodes", spec.nodes},
          {"pc1_reference_labels_per_second", ref_labels},
          {"pc1_reference_compressions_per_second", 20 * ref_labels},
          {"pc1_multicore_labels_per_second", mc_labels},
          {"pc1_multicore_compressions_per_second", 20 * mc_labels},
          {"pc1_multicore_producers", multicore.producers},
          {"pc1_ratio_to_sha256", 20 * mc_labels / sha},
          {"pc1_reference_ratio_to_sha256", 20 * ref_labels / sha},
          {"poseidon_hashes_per_second", poseidon}};
}

}  // namespace sa::jobs
