// CPU or GPU for PC2's hashing.
#include "stages/pc2_compute.hpp"

#include <vector>

#include "tree/column_hash.hpp"
#include "tree/poseidon_tree.hpp"
#include "tree/tree_files.hpp"
#ifdef SA_HAVE_CUDA
#include "cuda/gpu_available.hpp"
#include "cuda/poseidon_gpu.hpp"
#endif

namespace sa::jobs {

namespace k = sa::kernels;

Pc2Compute::Pc2Compute(const KernelSettings& settings, int threads) : threads_(threads) {
  const bool asked = settings.use_gpu_column_builder || settings.use_gpu_tree_builder;
  if (!asked) return;
#ifdef SA_HAVE_CUDA
  if (settings.gpu_disabled) {
    why_cpu_ = "BELLMAN_NO_GPU is set";
  } else if (!k::gpu_available()) {
    why_cpu_ = "no usable CUDA device";
  } else {
    gpu_columns_ = settings.use_gpu_column_builder;
    gpu_trees_ = settings.use_gpu_tree_builder;
  }
#else
  why_cpu_ = "this build has no CUDA";
#endif
}

void Pc2Compute::column_hashes(const std::uint8_t* const* layers, int num_layers, std::uint64_t count,
                               std::uint8_t* out) const {
#ifdef SA_HAVE_CUDA
  if (gpu_columns_ && (num_layers == 2 || num_layers == 11)) return k::column_hashes_gpu(layers, num_layers, 0, count, out, 0);
#endif
  k::column_hashes(layers, num_layers, 0, count, out, threads_);
}

k::Commitment Pc2Compute::tree_c_file(std::uint8_t* file, std::uint64_t nleaves) const {
#ifdef SA_HAVE_CUDA
  if (gpu_trees_) return k::build_base_tree_gpu(file, nleaves, file + nleaves * 32, 0);
#endif
  return k::write_tree_c_file(file, nleaves, file, threads_);
}

k::Commitment Pc2Compute::tree_r_last_file(const std::uint8_t* leaves, std::uint64_t nleaves, std::uint32_t rows,
                                           std::uint8_t* file) const {
#ifdef SA_HAVE_CUDA
  if (gpu_trees_) {
    // The file is the tail of the whole-tree layout: build every level, keep the top ones.
    std::vector<std::uint8_t> above(k::base_tree_nodes_above_leaves(nleaves) * 32);
    k::Commitment root = k::build_base_tree_gpu(leaves, nleaves, above.data(), 0);
    const std::uint64_t keep = k::tree_r_last_file_bytes(nleaves, rows);
    std::copy(above.end() - static_cast<std::ptrdiff_t>(keep), above.end(), file);
    return root;
  }
#endif
  return k::write_tree_r_last_file(leaves, nleaves, rows, file, threads_);
}

}  // namespace sa::jobs
