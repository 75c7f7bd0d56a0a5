// Host side of the GPU Poseidon (see poseidon_gpu.hpp): uploads each arity's optimized constants once per
// device, moves nodes to and from the device, launches poseidon_gpu_kernels.cu and turns CUDA errors and the
// kernel's "input ≥ p" flag into sa::Error.
#include "cuda/poseidon_gpu.hpp"

#include <cuda_runtime.h>

#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "base/error.hpp"
#include "cuda/cuda_check.hpp"
#include "cuda/poseidon_gpu_kernels.hpp"
#include "hash/poseidon_constants.hpp"
#include "tree/poseidon_tree.hpp"

namespace sa::kernels {
namespace {

using cuda::DeviceConstants;

// A device buffer freed on scope exit.
template <class T>
class DeviceBuffer {
 public:
  explicit DeviceBuffer(std::size_t n) : n_(n) {
    if (n_ > 0) SA_CUDA_CHECK(cudaMalloc(reinterpret_cast<void**>(&p_), n_ * sizeof(T)));
  }
  ~DeviceBuffer() {
    if (p_) (void)cudaFree(p_);
  }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  T* get() const { return p_; }

 private:
  T* p_ = nullptr;
  std::size_t n_;
};

void append_limbs(std::vector<std::uint64_t>& out, const std::vector<Fr>& values) {
  for (const Fr& v : values) out.insert(out.end(), v.montgomery().begin(), v.montgomery().end());
}

// Constants stay on the device for the life of the process (a few tens of KiB per arity).
const DeviceConstants& device_constants(int arity, int device) {
  if (arity != 2 && arity != 8 && arity != 11) {
    throw Error(ErrorKind::Usage, "GPU Poseidon: arity " + std::to_string(arity) + " is not built (2, 8, 11 are)");
  }
  static std::mutex mutex;
  static std::map<std::pair<int, int>, DeviceConstants> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find({device, arity});
  if (it != cache.end()) return it->second;

  const PoseidonConstants& c = poseidon_constants(arity);
  std::vector<std::uint64_t> all;
  std::size_t offsets[7];
  const std::vector<Fr> tag = {c.domain_tag};
  const std::vector<Fr>* parts[7] = {&tag, &c.full_constants, &c.partial_constants, &c.pre_sparse, &c.mds,
                                     &c.sparse_row0, &c.sparse_col0};
  for (int k = 0; k < 7; ++k) {
    offsets[k] = all.size();
    append_limbs(all, *parts[k]);
  }
  std::uint64_t* d = nullptr;
  SA_CUDA_CHECK(cudaMalloc(reinterpret_cast<void**>(&d), all.size() * sizeof(std::uint64_t)));
  SA_CUDA_CHECK(cudaMemcpy(d, all.data(), all.size() * sizeof(std::uint64_t), cudaMemcpyHostToDevice));
  DeviceConstants dc;
  dc.arity = c.arity;
  dc.width = c.width;
  dc.full_rounds = c.full_rounds;
  dc.partial_rounds = c.partial_rounds;
  dc.domain_tag = d + offsets[0];
  dc.full_constants = d + offsets[1];
  dc.partial_constants = d + offsets[2];
  dc.pre_sparse = d + offsets[3];
  dc.mds = d + offsets[4];
  dc.sparse_row0 = d + offsets[5];
  dc.sparse_col0 = d + offsets[6];
  return cache.emplace(std::make_pair(device, arity), dc).first->second;
}

// Runs the hashes and checks both the launch and the "input ≥ p" flag.
void run_hashes(const DeviceConstants& c, const std::uint64_t* in, std::uint64_t count, std::uint64_t hash_stride,
                std::uint64_t elem_stride, std::uint64_t* out, int* bad_flag, const char* what) {
  SA_CUDA_CHECK(static_cast<cudaError_t>(
      cuda::launch_poseidon_hashes(c, in, count, hash_stride, elem_stride, out, bad_flag)));
  int bad = 0;
  SA_CUDA_CHECK(cudaMemcpy(&bad, bad_flag, sizeof bad, cudaMemcpyDeviceToHost));  // waits for the kernel
  if (bad) {
    throw Error(ErrorKind::Corrupt, std::string(what) + ": an input node is not a BLS12-381 field element (>= p)");
  }
}

}  // namespace

void poseidon_hash_many_gpu(const std::uint8_t* inputs, std::uint64_t count, int arity, std::uint8_t* out,
                            int device) {
  SA_CUDA_CHECK(cudaSetDevice(device));
  const DeviceConstants& c = device_constants(arity, device);
  if (count == 0) return;
  const std::uint64_t in_limbs = 4 * count * static_cast<std::uint64_t>(arity);
  DeviceBuffer<std::uint64_t> d_in(in_limbs), d_out(4 * count);
  DeviceBuffer<int> d_bad(1);
  SA_CUDA_CHECK(cudaMemset(d_bad.get(), 0, sizeof(int)));
  SA_CUDA_CHECK(cudaMemcpy(d_in.get(), inputs, 8 * in_limbs, cudaMemcpyHostToDevice));
  run_hashes(c, d_in.get(), count, static_cast<std::uint64_t>(arity), 1, d_out.get(), d_bad.get(),
             "poseidon_hash_many_gpu");
  SA_CUDA_CHECK(cudaMemcpy(out, d_out.get(), 32 * count, cudaMemcpyDeviceToHost));
}

void column_hashes_gpu(const std::uint8_t* const* layers, int num_layers, std::uint64_t first, std::uint64_t count,
                       std::uint8_t* out, int device) {
  SA_CUDA_CHECK(cudaSetDevice(device));
  const DeviceConstants& c = device_constants(num_layers, device);
  if (count == 0) return;
  // Layer ℓ's slice goes to d_in[ℓ·count ..]: element j of hash i is at i + j·count.
  DeviceBuffer<std::uint64_t> d_in(4 * count * static_cast<std::uint64_t>(num_layers)), d_out(4 * count);
  DeviceBuffer<int> d_bad(1);
  SA_CUDA_CHECK(cudaMemset(d_bad.get(), 0, sizeof(int)));
  for (int l = 0; l < num_layers; ++l) {
    SA_CUDA_CHECK(cudaMemcpy(d_in.get() + 4 * count * static_cast<std::uint64_t>(l), layers[l] + 32 * first,
                             32 * count, cudaMemcpyHostToDevice));
  }
  run_hashes(c, d_in.get(), count, 1, count, d_out.get(), d_bad.get(), "column_hashes_gpu");
  SA_CUDA_CHECK(cudaMemcpy(out, d_out.get(), 32 * count, cudaMemcpyDeviceToHost));
}

Commitment build_base_tree_gpu(const std::uint8_t* leaves, std::uint64_t nleaves, std::uint8_t* out_nodes,
                               int device) {
  const std::uint64_t above = base_tree_nodes_above_leaves(nleaves);  // validates nleaves
  SA_CUDA_CHECK(cudaSetDevice(device));
  const DeviceConstants& c = device_constants(kBaseTreeArity, device);
  DeviceBuffer<std::uint64_t> d_leaves(4 * nleaves), d_levels(4 * above);
  DeviceBuffer<int> d_bad(1);
  SA_CUDA_CHECK(cudaMemset(d_bad.get(), 0, sizeof(int)));
  SA_CUDA_CHECK(cudaMemcpy(d_leaves.get(), leaves, 32 * nleaves, cudaMemcpyHostToDevice));
  const std::uint64_t* below = d_leaves.get();
  std::uint64_t* level = d_levels.get();
  for (std::uint64_t parents = nleaves / 8; parents >= 1; parents /= 8) {
    run_hashes(c, below, parents, kBaseTreeArity, 1, level, d_bad.get(), "build_base_tree_gpu");
    below = level;
    level += 4 * parents;
  }
  Commitment root{};
  if (out_nodes != nullptr) {
    SA_CUDA_CHECK(cudaMemcpy(out_nodes, d_levels.get(), 32 * above, cudaMemcpyDeviceToHost));
    std::memcpy(root.data(), out_nodes + 32 * (above - 1), 32);
  } else {
    SA_CUDA_CHECK(cudaMemcpy(root.data(), below, 32, cudaMemcpyDeviceToHost));
  }
  return root;
}

}  // namespace sa::kernels
