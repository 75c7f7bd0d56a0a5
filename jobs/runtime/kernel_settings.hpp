// The settings users already know, read from the environment once when a job starts and then passed to
// kernels explicitly (kernels never read the environment): FIL_PROOFS_*, TMPDIR, BELLMAN_CPU_UTILIZATION,
// CUDA_VISIBLE_DEVICES / NVIDIA_VISIBLE_DEVICES.
#pragma once

#include <filesystem>
#include <string>

namespace sa::jobs {

struct KernelSettings {
  bool use_multicore_sdr = false;         // FIL_PROOFS_USE_MULTICORE_SDR=1
  int multicore_sdr_producers = 3;        // FIL_PROOFS_MULTICORE_SDR_PRODUCERS
  std::filesystem::path parent_cache;     // FIL_PROOFS_PARENT_CACHE (default: FIL_PROOFS_CACHE_DIR or /var/tmp/filecoin-parents)
  std::filesystem::path parameter_cache;  // FIL_PROOFS_PARAMETER_CACHE (default /var/tmp/filecoin-proof-parameters)
  bool maximize_caching = true;           // FIL_PROOFS_MAXIMIZE_CACHING
  bool use_gpu_column_builder = false;    // FIL_PROOFS_USE_GPU_COLUMN_BUILDER
  bool use_gpu_tree_builder = false;      // FIL_PROOFS_USE_GPU_TREE_BUILDER
  double bellman_cpu_utilization = 0;     // BELLMAN_CPU_UTILIZATION (share of CPUs for the CPU side of C2)
  bool gpu_disabled = false;              // BELLMAN_NO_GPU
  std::string visible_devices;            // CUDA_VISIBLE_DEVICES, else NVIDIA_VISIBLE_DEVICES
  std::filesystem::path tmpdir;           // TMPDIR (default /tmp)
  int rows_to_discard = 2;                // FIL_PROOFS_ROWS_TO_DISCARD (tree-r-last level cache)
  bool verify_cache = true;               // FIL_PROOFS_VERIFY_CACHE (parent cache digest check; on by default here)

  // Reads the environment; throws sa::Error(Usage) naming a variable whose value does not parse.
  static KernelSettings from_environment();
};

}  // namespace sa::jobs
