// SDR label rate on a 2^20-node graph (32 MiB per layer, V1_1 seeds): the reference and the multicore
// labeller, layer 1 (6 parents) and layer 2 (14), next to this machine's single-stream SHA-NI compression
// rate measured just before each run. Counters: labels/s, compressions/s (20 per node, proofs.md §4) and
// sha_ratio = compressions/s ÷ single-stream rate (1.0 = the latency limit of one sector; see sdr/README.md).
// Run by hand: build-graph/tests/bench/bench_label_rate --benchmark_repetitions=3
#include <benchmark/benchmark.h>

#include <sched.h>

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "hash/sha256_rate.hpp"
#include "sdr/label_layer.hpp"
#include "sdr/layer_buffer.hpp"

namespace {

using namespace sa::kernels;

constexpr std::uint64_t kNodes = std::uint64_t{1} << 20;

struct Fixture {
  ParentCache cache;
  LayerBuffer layer1{kNodes * 32};
  LayerBuffer layer2{kNodes * 32};
  Commitment replica_id{};

  Fixture()
      : cache(ParentCache::in_memory(GraphSpec{kNodes, 2, sa::params::SealProof{8}.porep_id(), false},
                                     static_cast<int>(std::max(1u, std::thread::hardware_concurrency())))) {
    for (std::size_t i = 0; i < 32; ++i) replica_id[i] = static_cast<std::uint8_t>(i * 13 + 5);
    replica_id[31] &= 0x3f;
    label_layer_reference(cache, replica_id, 1, nullptr, layer1.data());  // a real previous layer
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

// The first `count` cores this process may use, repeated when there are fewer.
std::vector<int> allowed_cores(int count) {
  cpu_set_t set;
  std::vector<int> allowed;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    for (int c = 0; c < CPU_SETSIZE; ++c) {
      if (CPU_ISSET(c, &set)) allowed.push_back(c);
    }
  }
  if (allowed.empty()) allowed.push_back(0);
  std::vector<int> cores;
  for (int i = 0; i < count; ++i) cores.push_back(allowed[static_cast<std::size_t>(i) % allowed.size()]);
  return cores;
}

void run(benchmark::State& state, bool multicore, bool pinned = false) {
  Fixture& f = fixture();
  const int layer = static_cast<int>(state.range(0));
  LabelOptions options;
  options.multicore = multicore;
  if (multicore) options.producers = static_cast<int>(state.range(1));
  if (pinned) options.cores = allowed_cores(options.producers + 1);
  const double sha_rate = measure_sha256_rate(0.3);
  double seconds = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    label_layer(f.cache, f.replica_id, layer, layer == 1 ? nullptr : f.layer1.data(),
                f.layer2.data(), options);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    benchmark::DoNotOptimize(f.layer2.data());
    benchmark::ClobberMemory();
  }
  const double iters = static_cast<double>(state.iterations());
  const double labels = iters * static_cast<double>(kNodes);
  const double compressions = iters * (20.0 * static_cast<double>(kNodes - 1) + 2.0);
  state.counters["labels/s"] = labels / seconds;
  state.counters["compressions/s"] = compressions / seconds;
  state.counters["sha_single_stream/s"] = sha_rate;
  state.counters["sha_ratio"] = compressions / seconds / sha_rate;
}

void BM_LabelReference(benchmark::State& state) { run(state, false); }
BENCHMARK(BM_LabelReference)->ArgName("layer")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_LabelMulticore(benchmark::State& state) { run(state, true); }
BENCHMARK(BM_LabelMulticore)
    ->ArgNames({"layer", "producers"})
    ->ArgsProduct({{1, 2}, {1, 2, 3}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Hashing thread and producers pinned to the first allowed cores (cores[0] hashes).
void BM_LabelMulticorePinned(benchmark::State& state) { run(state, true, true); }
BENCHMARK(BM_LabelMulticorePinned)
    ->ArgNames({"layer", "producers"})
    ->ArgsProduct({{1, 2}, {1, 2, 3}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_Sha256SingleStream(benchmark::State& state) {
  double rate = 0;
  for (auto _ : state) rate = measure_sha256_rate(0.2);
  state.counters["compressions/s"] = rate;
}
BENCHMARK(BM_Sha256SingleStream)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
