// Fr32 padding and CommP benches. CommP's counters put its throughput next to the SHA-NI limit: a piece of
// P padded bytes costs P/16 compressions (see mpi_kernels/README.md), so "model_ratio" is the achieved rate
// divided by 16 bytes × the node-pair kernel's compression rate measured in the same run. Byte counters are
// 1024-based (MiB/s), like Google Benchmark's bytes_per_second; compression counters are plain per second.
// Run by hand: build-kernels/tests/bench/bench_kernels --benchmark_filter='Fr32|CommP'
#include <benchmark/benchmark.h>

#include <chrono>
#include <vector>

#include "field/fr32.hpp"
#include "hash/node_hash.hpp"
#include "hash/sha256_rate.hpp"
#include "piece/commp.hpp"

namespace {

using namespace sa::kernels;

std::vector<std::uint8_t> filled(std::size_t n) {
  std::vector<std::uint8_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint8_t>(i * 131 + 17);
  return v;
}

void BM_Fr32PadQuads(benchmark::State& state) {
  constexpr std::size_t kQuads = 8192;  // 1 MiB out
  const auto raw = filled(kQuads * 127);
  std::vector<std::uint8_t> out(kQuads * 128);
  for (auto _ : state) {
    fr32_pad_quads(raw.data(), out.data(), kQuads);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(raw.size()));
}
BENCHMARK(BM_Fr32PadQuads);

void BM_Fr32UnpadQuads(benchmark::State& state) {
  constexpr std::size_t kQuads = 8192;
  const auto padded = filled(kQuads * 128);
  std::vector<std::uint8_t> out(kQuads * 127);
  for (auto _ : state) {
    fr32_unpad_quads(padded.data(), out.data(), kQuads);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(padded.size()));
}
BENCHMARK(BM_Fr32UnpadQuads);

// Arg = raw MiB per piece, written in 1 MiB pieces as AddPiece does. Counters: raw bytes/s (bytes_per_second),
// padded bytes/s, and the ratio to the 4-compressions-per-64-padded-bytes model at the measured kernel rate.
void BM_CommP(benchmark::State& state) {
  const std::size_t raw_bytes = static_cast<std::size_t>(state.range(0)) << 20;
  const auto chunk = filled(1 << 20);
  double padded_total = 0;
  const auto begin = std::chrono::steady_clock::now();
  for (auto _ : state) {
    CommPHasher hasher;
    for (std::size_t at = 0; at < raw_bytes; at += chunk.size()) hasher.write(chunk.data(), chunk.size());
    const PieceCommitment pc = hasher.finish();
    benchmark::DoNotOptimize(pc.comm);
    padded_total += static_cast<double>(to_padded_bytes(raw_bytes));
  }
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(raw_bytes));
  state.counters["padded_bytes/s"] =
      benchmark::Counter(padded_total, benchmark::Counter::kIsRate, benchmark::Counter::OneK::kIs1024);

  // The limit: node-pair kernel compressions/s (multi-stream when SHA-NI) × 16 padded bytes per compression.
  constexpr std::size_t kPairs = 4096;
  const auto pairs = filled(64 * kPairs);
  std::vector<std::uint8_t> out(32 * kPairs);
  const auto start = std::chrono::steady_clock::now();
  int reps = 0;
  for (; reps < 200; ++reps) hash_node_pairs(pairs.data(), kPairs, out.data());
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double kernel_rate = 2.0 * kPairs * reps / secs;
  state.counters["kernel_compressions/s"] = kernel_rate;
  state.counters["single_stream_compressions/s"] = measure_sha256_rate(0.1);
  state.counters["model_padded_bytes/s"] =
      benchmark::Counter(16.0 * kernel_rate, benchmark::Counter::kDefaults, benchmark::Counter::OneK::kIs1024);
  state.counters["model_ratio"] = padded_total / elapsed / (16.0 * kernel_rate);
}
BENCHMARK(BM_CommP)->ArgName("MiB")->Arg(32)->Arg(256)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
