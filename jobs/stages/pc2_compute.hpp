// Where PC2's Poseidon work runs: on the GPU when FIL_PROOFS_USE_GPU_COLUMN_BUILDER /
// FIL_PROOFS_USE_GPU_TREE_BUILDER ask for it (Lotus's own switches), BELLMAN_NO_GPU does not forbid it, this
// build has CUDA and a device is visible (CUDA_VISIBLE_DEVICES, as Slurm sets it); otherwise on the CPU
// threads of the job. Both paths give identical bytes (tests/cuda compares them on a GPU machine).
#pragma once

#include <cstdint>
#include <string>

#include "piece/commitment.hpp"
#include "runtime/kernel_settings.hpp"

namespace sa::jobs {

class Pc2Compute {
 public:
  Pc2Compute(const KernelSettings& settings, int threads);

  bool gpu_columns() const { return gpu_columns_; }
  bool gpu_trees() const { return gpu_trees_; }
  const std::string& why_cpu() const { return why_cpu_; }  // empty when the GPU is used as asked

  void column_hashes(const std::uint8_t* const* layers, int num_layers, std::uint64_t count, std::uint8_t* out) const;
  // tree-c file bytes: the first nleaves * 32 bytes already hold the leaves; fills the levels above.
  kernels::Commitment tree_c_file(std::uint8_t* file, std::uint64_t nleaves) const;
  // tree-r-last level-cache file bytes from the replica leaves.
  kernels::Commitment tree_r_last_file(const std::uint8_t* leaves, std::uint64_t nleaves, std::uint32_t rows_to_discard,
                                       std::uint8_t* file) const;

 private:
  int threads_;
  bool gpu_columns_ = false;
  bool gpu_trees_ = false;
  std::string why_cpu_;
};

}  // namespace sa::jobs
