// The measurements behind `sa-job bench` (bench_stage.cpp): each returns one sample, and Samples keeps the
// repetitions of one measure so the bench reports a median with its spread (one sample of a rate says
// little on a shared machine: five PC1 samples once ranged 0.33–0.93).
#pragma once

#include <cstdint>
#include <vector>

#include "hash/poseidon_batch.hpp"
#include <nlohmann/json.hpp>

namespace sa::jobs {

class Samples {
 public:
  void add(double v) { v_.push_back(v); }
  double median() const;
  double min() const;
  double max() const;
  // {"median", "min", "max", "samples"}.
  nlohmann::json to_json() const;

 private:
  std::vector<double> v_;
};

// Nanoseconds per Fr Montgomery multiplication in a dependent chain (x ← x·y), as Poseidon's S-box runs
// them, for `budget` seconds. adx: the BMI2/ADX code when true, the portable code when false.
double fr_mul_chain_ns(bool adx, double budget);

// Poseidon hashes per second of `arity` on one thread through the batch API on the given path.
double poseidon_hashes_per_second(int arity, kernels::PoseidonPath path, double budget);

// Seconds for PC2's hashing over `nodes` nodes with `threads` threads: 11-layer column hashes, then the
// 8-ary trees tree_c (over the columns) and tree_r_last (over a replica), no I/O. nodes: a power of 8.
double pc2_compute_seconds(std::uint64_t nodes, int layers, int threads);

}  // namespace sa::jobs
