// bench: the kernel rates `sealadapter bench` reports, measured in one run on this machine so their ratios
// mean something: single-stream SHA-256 compressions/s, the PC1 label rate (reference and multicore) in
// compressions/s on the sector size's graph (at most 2^20 nodes of it), and Poseidon hashes/s per arity.
// Fr multiplication, Poseidon per path, and PC2's hashing at 1 and all threads; every measure `repeat` times
// (medians and spread). Inputs: {"seconds": per sample (default 0.3), "repeat": samples (default 5)}. The sector in the manifest picks the graph.
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "contract/json_fields.hpp"
#include "graph/graph_spec.hpp"
#include "graph/parent_cache.hpp"
#include "base/error.hpp"
#include "field/fr.hpp"
#include "hash/poseidon_batch.hpp"
#include "hash/poseidon_lanes.hpp"
#include "hash/sha256.hpp"
#include "hash/sha256_rate.hpp"
#include "runtime/cpu_binding.hpp"
#include "sdr/label_layer.hpp"
#include "stages/bench_measures.hpp"
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

}  // namespace

nlohmann::json run_bench(StageContext& ctx) {
  SectorContext s(ctx.manifest);
  const double budget = optional_field<double>(ctx.manifest.inputs, "seconds", 0.3, "inputs");
  const int repeat = optional_field<int>(ctx.manifest.inputs, "repeat", 5, "inputs");
  if (repeat < 1 || repeat > 100) throw Error(ErrorKind::Usage, "bench: repeat must be 1 to 100, not " + std::to_string(repeat));
  if (ctx.mpi.rank() != 0) return nlohmann::json::object();
  const int cpus = static_cast<int>(allowed_cpus().size());
  const k::Sha256Impl impl = k::resolve(k::Sha256Impl::Auto);

  k::GraphSpec spec = k::GraphSpec::for_proof(s.proof);
  spec.nodes = std::min<std::uint64_t>(spec.nodes, 1ull << 20);  // the rate does not depend on the graph's size
  k::ParentCache cache = k::ParentCache::in_memory(spec, cpus);
  k::LabelOptions reference;
  k::LabelOptions multicore;
  multicore.multicore = true;
  multicore.producers = std::max(1, std::min(ctx.settings.multicore_sdr_producers, cpus - 1));
  multicore.cores = sdr_core_group(multicore.producers + 1);

  // PC2's hashing over at most 8^5 nodes of the sector, scaled to the whole sector (it is linear in nodes).
  const std::uint64_t sector_nodes = s.nodes;
  const std::uint64_t pc2_nodes = std::min<std::uint64_t>(sector_nodes, std::uint64_t{1} << 15);
  const double pc2_scale = static_cast<double>(sector_nodes) / static_cast<double>(pc2_nodes);
  const int layers = s.layers;
  std::vector<int> pc2_threads = {1};
  if (cpus > 1) pc2_threads.push_back(cpus);

  const bool adx = k::fr_detail::fr_adx_available();
  const bool lanes = k::cpu_has_ifma();
  const int arities[] = {2, 8, 11};
  Samples sha, ref_labels, mc_labels, fr_adx, fr_portable;
  std::map<int, Samples> scalar, laned;
  std::map<int, Samples> pc2;
  // Rounds of every measure, so a slow spell of the machine spreads over all of them instead of one.
  for (int r = 0; r < repeat; ++r) {
    sha.add(k::measure_sha256_rate(budget, impl));
    ref_labels.add(label_rate(cache, reference, budget));
    mc_labels.add(label_rate(cache, multicore, budget));
    if (adx) fr_adx.add(fr_mul_chain_ns(true, budget));
    fr_portable.add(fr_mul_chain_ns(false, budget));
    for (int a : arities) {
      scalar[a].add(poseidon_hashes_per_second(a, k::PoseidonPath::Scalar, budget));
      if (lanes) laned[a].add(poseidon_hashes_per_second(a, k::PoseidonPath::Lanes, budget));
    }
    for (int t : pc2_threads) pc2[t].add(pc2_scale * pc2_compute_seconds(pc2_nodes, layers, t));
  }

  const double sha_rate = sha.median();
  const double sha_ns = 1e9 / sha_rate;
  const bool use_adx = k::fr_detail::fr_use_adx();  // what Poseidon's scalar path uses
  const double fr_ns = use_adx ? fr_adx.median() : fr_portable.median();
  nlohmann::json poseidon = nlohmann::json::object(), poseidon_scalar = nlohmann::json::object(),
                 poseidon_lanes = nlohmann::json::object(), per_hash = nlohmann::json::object(),
                 lanes_per_hash = nlohmann::json::object(), speedup = nlohmann::json::object(),
                 spread = nlohmann::json::object(), pc2_json = nlohmann::json::object();
  for (int a : arities) {
    const std::string key = std::to_string(a);
    const double sc = scalar[a].median();
    poseidon_scalar[key] = sc;
    per_hash[key] = sha_rate / sc;
    spread["poseidon_scalar_" + key] = scalar[a].to_json();
    if (lanes) {
      const double la = laned[a].median();
      poseidon_lanes[key] = la;
      lanes_per_hash[key] = sha_rate / la;
      speedup[key] = la / sc;
      spread["poseidon_lanes_" + key] = laned[a].to_json();
    }
    poseidon[key] = k::poseidon_default_path() == k::PoseidonPath::Lanes ? poseidon_lanes[key] : poseidon_scalar[key];
  }
  for (int t : pc2_threads) {
    pc2_json[std::to_string(t)] = pc2[t].median();
    spread["pc2_compute_threads_" + std::to_string(t)] = pc2[t].to_json();
  }
  spread["sha256"] = sha.to_json();
  spread["pc1_reference"] = ref_labels.to_json();
  spread["pc1_multicore"] = mc_labels.to_json();
  spread["fr_mul_portable_ns"] = fr_portable.to_json();
  if (adx) spread["fr_mul_adx_ns"] = fr_adx.to_json();

  // A label hashes 1248 bytes + padding: 20 SHA-256 compressions.
  const double ref = 20 * ref_labels.median(), mc = 20 * mc_labels.median();
  return {{"sha256_impl", std::string(k::sha256_impl_name(impl))},
          {"sha256_compressions_per_second", sha_rate},
          {"sha256_ns_per_compression", sha_ns},
          {"repetitions", repeat},
          {"seconds_per_sample", budget},
          {"label_graph_nodes", spec.nodes},
          {"pc1_reference_labels_per_second", ref_labels.median()},
          {"pc1_reference_compressions_per_second", ref},
          {"pc1_multicore_labels_per_second", mc_labels.median()},
          {"pc1_multicore_compressions_per_second", mc},
          {"pc1_multicore_producers", multicore.producers},
          {"pc1_ratio_to_sha256", mc / sha_rate},
          {"pc1_reference_ratio_to_sha256", ref / sha_rate},
          {"fr_mul_impl", use_adx ? "adx" : "portable"},
          {"fr_mul_adx_ns", adx ? nlohmann::json(fr_adx.median()) : nlohmann::json(nullptr)},
          {"fr_mul_ns", fr_ns},
          {"fr_mul_portable_ns", fr_portable.median()},
          {"fr_mul_ratio_to_sha256", fr_ns / sha_ns},
          {"poseidon_path", std::string(k::poseidon_path_name(k::poseidon_default_path()))},
          {"poseidon_hashes_per_second", poseidon},
          {"poseidon_scalar_hashes_per_second", poseidon_scalar},
          {"poseidon_lanes_hashes_per_second", lanes ? poseidon_lanes : nlohmann::json(nullptr)},
          {"poseidon_scalar_compressions_per_hash", per_hash},
          {"poseidon_lanes_compressions_per_hash", lanes ? lanes_per_hash : nlohmann::json(nullptr)},
          {"poseidon_lanes_speedup", lanes ? speedup : nlohmann::json(nullptr)},
          {"pc2_compute_seconds_per_sector", pc2_json},
          {"pc2_compute_sampled_nodes", pc2_nodes},
          {"spread", spread}};
}

}  // namespace sa::jobs
