// Poseidon benches: hashes/s of the Correct and optimized permutations for arity 2, 8 and 11, Fr
// multiplication, and (bench_poseidon_tree.cpp) column hashes and base-tree building. The "fr_mul_per_hash"
// counter is the optimized cost model of perf.md §6 (arity 2: 584, 8: 2,004, 11: 2,922 multiplications), so
// "model_ns" = ns per hash / that count can be compared with the measured ns per Fr multiplication.
// Run by hand: build-poseidon/tests/bench/bench_poseidon --benchmark_filter=Poseidon
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "field/fr.hpp"
#include "hash/poseidon.hpp"
#include "hash/poseidon_constants.hpp"

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

void BM_FrMul(benchmark::State& state) {
  const std::vector<Fr> in = random_inputs(2);
  Fr x = in[0];
  const Fr y = in[1];
  for (auto _ : state) {
    x = x * y;  // dependent chain: latency
    benchmark::DoNotOptimize(x);
  }
  state.counters["muls_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                                    benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FrMul);

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
BENCHMARK(BM_FrMulIndependent);

}  // namespace
