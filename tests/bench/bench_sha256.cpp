// SHA-256 benches: chained single-stream compression (portable vs SHA-NI, the machine's per-core limit) and
// node-pair hashing (portable, SHA-NI x1/x2/x4). Counters: bytes/s of input and compressions/s.
// Run by hand: build-kernels/tests/bench/bench_kernels --benchmark_filter=Sha
#include <benchmark/benchmark.h>

#include <vector>

#include "hash/node_hash.hpp"
#include "hash/node_hash_detail.hpp"
#include "hash/sha256.hpp"

namespace {

using namespace sa::kernels;

constexpr std::size_t kBlocks = 256;  // 16 KiB: L1-resident, as in sha-anchor.md

std::vector<std::uint8_t> filled(std::size_t n) {
  std::vector<std::uint8_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint8_t>(i * 37 + 11);
  return v;
}

void set_counters(benchmark::State& state, double compressions_per_iter, double bytes_per_iter) {
  const auto iters = static_cast<double>(state.iterations());
  state.counters["compressions/s"] = benchmark::Counter(iters * compressions_per_iter, benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<std::int64_t>(iters * bytes_per_iter));
}

void BM_Sha256CompressPortable(benchmark::State& state) {
  const auto blocks = filled(64 * kBlocks);
  std::uint32_t st[8] = {};
  for (auto _ : state) {
    sha256_compress_portable(st, blocks.data(), kBlocks);
    benchmark::DoNotOptimize(st);
  }
  set_counters(state, kBlocks, 64.0 * kBlocks);
}
BENCHMARK(BM_Sha256CompressPortable);

void BM_Sha256CompressShaNi(benchmark::State& state) {
  if (!sha_ni_available()) {
    state.SkipWithError("no SHA-NI on this CPU");
    return;
  }
  const auto blocks = filled(64 * kBlocks);
  std::uint32_t st[8] = {};
  for (auto _ : state) {
    sha256_compress_shani(st, blocks.data(), kBlocks);
    benchmark::DoNotOptimize(st);
  }
  set_counters(state, kBlocks, 64.0 * kBlocks);
}
BENCHMARK(BM_Sha256CompressShaNi);

// Arg = 0 portable, 1/2/4 SHA-NI streams; 1024 pairs (64 KiB in, 32 KiB out) per iteration.
void BM_HashNodePairs(benchmark::State& state) {
  const int streams = static_cast<int>(state.range(0));
  if (streams > 0 && !sha_ni_available()) {
    state.SkipWithError("no SHA-NI on this CPU");
    return;
  }
  constexpr std::size_t kPairs = 1024;
  const auto in = filled(64 * kPairs);
  std::vector<std::uint8_t> out(32 * kPairs);
  for (auto _ : state) {
    if (streams == 0) {
      detail::hash_node_pairs_portable(in.data(), kPairs, out.data());
    } else if (streams == 1) {
      detail::hash_node_pairs_shani_x1(in.data(), kPairs, out.data());
    } else {
      detail::hash_node_pairs_shani_multi(in.data(), kPairs, out.data(), streams);
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  set_counters(state, 2.0 * kPairs, 64.0 * kPairs);
}
BENCHMARK(BM_HashNodePairs)->ArgName("streams")->Arg(0)->Arg(1)->Arg(2)->Arg(3)->Arg(4);

// The public entry point (Auto), what CommP and tree_d call.
void BM_HashNodePairsAuto(benchmark::State& state) {
  constexpr std::size_t kPairs = 1024;
  const auto in = filled(64 * kPairs);
  std::vector<std::uint8_t> out(32 * kPairs);
  for (auto _ : state) {
    hash_node_pairs(in.data(), kPairs, out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  set_counters(state, 2.0 * kPairs, 64.0 * kPairs);
}
BENCHMARK(BM_HashNodePairsAuto);

}  // namespace
