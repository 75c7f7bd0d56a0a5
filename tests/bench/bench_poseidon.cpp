// Poseidon benches: hashes/s of the Correct and optimized permutations for arity 2, 8 and 11, Fr
// multiplication (portable and BMI2/ADX), lazily reduced dot products, column hashes and base-tree building. The "fr_mul_per_hash"
// counter is the optimized cost model of perf.md §6 (arity 2: 584, 8: 2,004, 11: 2,922 multiplications), so
// "model_ns" = ns per hash / that count can be compared with the measured ns per Fr multiplication.
// Run by hand: build-poseidon/tests/bench/bench_poseidon --benchmark_filter=Poseidon
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>
#include <vector>

#include "field/fr.hpp"
#include "hash/poseidon.hpp"
#include "hash/poseidon_constants.hpp"
#include "tree/column_hash.hpp"
#include "tree/poseidon_tree.hpp"

namespace {

using namespace sa::kernels;

std::vector<Fr> random_inputs(int n) {
  std::mt19937_64 rng(1234);
  std::vector<Fr> v;
  while (static_cast<int>(v.size()) < n) {
    const Fr::Limbs l = {rng(), rng(), rng(), rng() >> 2};
    v.push_back(Fr::from_canonical(l));
  }
  return v;
}

double model_muls(int arity) {
  switch (arity) {
    case 2: return 584;
    case 8: return 2004;
    case 11: return 2922;
    default: return 0;
  }
}

template <bool kOptimized>
void BM_Poseidon(benchmark::State& state) {
  const int arity = static_cast<int>(state.range(0));
  const PoseidonConstants& c = poseidon_constants(arity);
  std::vector<Fr> in = random_inputs(arity);
  for (auto _ : state) {
    const Fr h = kOptimized ? poseidon_hash(in.data(), c) : poseidon_hash_reference(in.data(), c);
    in[0] = h;  // chain the hashes so they cannot overlap or be hoisted
    benchmark::DoNotOptimize(in[0]);
  }
  state.counters["hashes_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                                      benchmark::Counter::kIsRate);
  state.counters["fr_mul_per_hash"] = model_muls(arity);
}
BENCHMARK(BM_Poseidon<false>)->Name("PoseidonReference")->Arg(2)->Arg(8)->Arg(11);
BENCHMARK(BM_Poseidon<true>)->Name("PoseidonOptimized")->Arg(2)->Arg(8)->Arg(11);

template <bool kAdx>
void BM_FrMul(benchmark::State& state) {
  if (kAdx && !fr_detail::fr_adx_available()) {
    state.SkipWithError("no BMI2/ADX on this CPU");
    return;
  }
  const std::vector<Fr> in = random_inputs(2);
  Fr::Limbs x = in[0].montgomery();
  const Fr::Limbs y = in[1].montgomery();
  for (auto _ : state) {
    // dependent chain: latency
    x = kAdx ? fr_detail::mont_mul_adx(x, y) : fr_detail::mont_mul_portable(x, y);
    benchmark::DoNotOptimize(x);
  }
  state.counters["muls_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                                    benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FrMul<false>)->Name("FrMulPortable");
BENCHMARK(BM_FrMul<true>)->Name("FrMulAdx");

void BM_FrDot(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  std::vector<Fr> a = random_inputs(n), b = random_inputs(n + 1);
  for (auto _ : state) {
    a[0] = Fr::dot(a.data(), b.data() + 1, n);
    benchmark::DoNotOptimize(a[0]);
  }
  state.counters["products_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()) * n,
                                                        benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FrDot)->Name("FrDot")->Arg(9)->Arg(12);

std::vector<std::uint8_t> random_nodes(std::uint64_t n) {
  std::vector<std::uint8_t> out(32 * n);
  const auto fr = random_inputs(static_cast<int>(std::min<std::uint64_t>(n, 4096)));
  for (std::uint64_t i = 0; i < n; ++i) fr[i % fr.size()].to_bytes_le(out.data() + 32 * i);
  return out;
}

// Column hashes of 2048 nodes over `layers` layers (11: 32/64GiB tree_c leaves, 2: small sectors).
void BM_ColumnHashes(benchmark::State& state) {
  const int layers = static_cast<int>(state.range(0));
  const int threads = static_cast<int>(state.range(1));
  constexpr std::uint64_t kNodes = 2048;
  std::vector<std::vector<std::uint8_t>> data;
  std::vector<const std::uint8_t*> ptrs;
  for (int l = 0; l < layers; ++l) data.push_back(random_nodes(kNodes));
  for (const auto& d : data) ptrs.push_back(d.data());
  std::vector<std::uint8_t> out(32 * kNodes);
  for (auto _ : state) {
    column_hashes(ptrs.data(), layers, 0, kNodes, out.data(), threads);
    benchmark::ClobberMemory();
  }
  state.counters["columns_per_s"] = benchmark::Counter(static_cast<double>(state.iterations() * kNodes),
                                                       benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ColumnHashes)->Name("ColumnHashes")->Args({11, 1})->Args({11, 2})->Args({11, 16})->Args({2, 1})->UseRealTime();

// A whole 8-ary base tree of 8^5 leaves: 4,681 arity-8 hashes.
void BM_BaseTree(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  constexpr std::uint64_t kLeaves = 32768;
  const auto leaves = random_nodes(kLeaves);
  std::vector<std::uint8_t> above(32 * base_tree_nodes_above_leaves(kLeaves));
  for (auto _ : state) {
    benchmark::DoNotOptimize(build_base_tree(leaves.data(), kLeaves, above.data(), threads));
  }
  const double hashes = static_cast<double>(base_tree_nodes_above_leaves(kLeaves));
  state.counters["leaves_per_s"] = benchmark::Counter(static_cast<double>(state.iterations() * kLeaves),
                                                      benchmark::Counter::kIsRate);
  state.counters["hashes_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()) * hashes,
                                                      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BaseTree)->Name("BaseTree8^5")->Arg(1)->Arg(2)->Arg(16)->UseRealTime();

void BM_FrMulIndependent(benchmark::State& state) {
  std::vector<Fr> xs = random_inputs(8);
  const Fr y = random_inputs(9)[8];
  for (auto _ : state) {
    for (auto& x : xs) x = x * y;  // 8 independent chains: throughput
    benchmark::DoNotOptimize(xs.data());
  }
  state.counters["muls_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()) * 8,
                                                    benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FrMulIndependent)->Name("FrMulIndependent8");

}  // namespace

#if defined(SA_BENCH_CUDA)
#include "cuda/gpu_available.hpp"
#include "cuda/poseidon_gpu.hpp"

namespace {

// GPU column hashes including the host→device copy of the layers and the copy back (what PC2 would pay
// without overlapping transfers).
void BM_ColumnHashesGpu(benchmark::State& state) {
  if (!gpu_available()) {
    state.SkipWithError("no CUDA device");
    return;
  }
  const int layers = static_cast<int>(state.range(0));
  const auto nodes = static_cast<std::uint64_t>(state.range(1));
  std::vector<std::vector<std::uint8_t>> data;
  std::vector<const std::uint8_t*> ptrs;
  for (int l = 0; l < layers; ++l) data.push_back(random_nodes(nodes));
  for (const auto& d : data) ptrs.push_back(d.data());
  std::vector<std::uint8_t> out(32 * nodes);
  column_hashes_gpu(ptrs.data(), layers, 0, nodes, out.data(), 0);  // warm-up: context, constants
  for (auto _ : state) column_hashes_gpu(ptrs.data(), layers, 0, nodes, out.data(), 0);
  state.counters["columns_per_s"] = benchmark::Counter(static_cast<double>(state.iterations() * nodes),
                                                       benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ColumnHashesGpu)->Name("ColumnHashesGpu")->Args({11, 1 << 20})->Args({2, 1 << 20})->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_BaseTreeGpu(benchmark::State& state) {
  if (!gpu_available()) {
    state.SkipWithError("no CUDA device");
    return;
  }
  const auto leaves_n = static_cast<std::uint64_t>(state.range(0));
  const auto leaves = random_nodes(leaves_n);
  std::vector<std::uint8_t> above(32 * base_tree_nodes_above_leaves(leaves_n));
  (void)build_base_tree_gpu(leaves.data(), leaves_n, above.data(), 0);
  for (auto _ : state) benchmark::DoNotOptimize(build_base_tree_gpu(leaves.data(), leaves_n, above.data(), 0));
  state.counters["hashes_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * static_cast<double>(base_tree_nodes_above_leaves(leaves_n)),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BaseTreeGpu)->Name("BaseTreeGpu")->Arg(1 << 21)->Arg(1 << 24)->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
#endif
