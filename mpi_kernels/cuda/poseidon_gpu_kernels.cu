// Poseidon device kernels (proofs.md §7.2, optimized schedule of hash/poseidon_optimize.cpp): one thread
// per hash, state in registers (loops over the width fully unrolled), constants read through the read-only
// cache. Only the widths sealing uses are built (t = 3, 9, 12): with t up to 37 the unrolled kernels kept
// ptxas busy for more than ten minutes. Host side: poseidon_gpu.cpp.
#include <cuda_runtime.h>

#include "cuda/fr_device.cuh"
#include "cuda/poseidon_gpu_kernels.hpp"

namespace sa::kernels::cuda {
namespace {


__device__ __forceinline__ DFr load(const std::uint64_t* p) {
  return DFr{{__ldg(p), __ldg(p + 1), __ldg(p + 2), __ldg(p + 3)}};
}

template <int T>
__device__ void dense(DFr* s, const std::uint64_t* m) {
  DFr out[T];
#pragma unroll
  for (int i = 0; i < T; ++i) {
    DFr acc = dmul(load(m + 4 * (i * T)), s[0]);
#pragma unroll
    for (int j = 1; j < T; ++j) acc = dadd(acc, dmul(load(m + 4 * (i * T + j)), s[j]));
    out[i] = acc;
  }
#pragma unroll
  for (int i = 0; i < T; ++i) s[i] = out[i];
}

template <int T>
__device__ void full_round(DFr* s, const std::uint64_t* rc) {
#pragma unroll
  for (int i = 0; i < T; ++i) s[i] = dpow5(dadd(s[i], load(rc + 4 * i)));
}

template <int T>
__device__ void permute(DFr* s, const DeviceConstants& c) {
  const int half = c.full_rounds / 2;
  const std::uint64_t* fc = c.full_constants;
  for (int r = 0; r < half; ++r, fc += 4 * T) {
    full_round<T>(s, fc);
    dense<T>(s, r + 1 == half ? c.pre_sparse : c.mds);
  }
  const std::uint64_t* row0 = c.sparse_row0;
  const std::uint64_t* col0 = c.sparse_col0;
  for (int k = 0; k < c.partial_rounds; ++k, row0 += 4 * T, col0 += 4 * (T - 1)) {
    const DFr x0 = dpow5(dadd(s[0], load(c.partial_constants + 4 * k)));
    DFr acc = dmul(load(row0), x0);
#pragma unroll
    for (int j = 1; j < T; ++j) acc = dadd(acc, dmul(load(row0 + 4 * j), s[j]));
#pragma unroll
    for (int i = 1; i < T; ++i) s[i] = dadd(s[i], dmul(load(col0 + 4 * (i - 1)), x0));
    s[0] = acc;
  }
  for (int r = 0; r < half; ++r, fc += 4 * T) {
    full_round<T>(s, fc);
    dense<T>(s, c.mds);
  }
}

template <int T>
__global__ void poseidon_kernel(DeviceConstants c, const std::uint64_t* in, std::uint64_t count,
                                std::uint64_t hash_stride, std::uint64_t elem_stride, std::uint64_t* out,
                                int* bad_flag) {
  const std::uint64_t i = static_cast<std::uint64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i >= count) return;
  DFr s[T];
  s[0] = load(c.domain_tag);
#pragma unroll
  for (int j = 1; j < T; ++j) {
    const std::uint64_t* p = in + 4 * (i * hash_stride + static_cast<std::uint64_t>(j - 1) * elem_stride);
    DFr v = DFr{{p[0], p[1], p[2], p[3]}};
    if (!dis_canonical(v)) {
      atomicExch(bad_flag, 1);
      v = DFr{{0, 0, 0, 0}};
    }
    s[j] = dto_montgomery(v);
  }
  permute<T>(s, c);
  const DFr h = dfrom_montgomery(s[1]);
#pragma unroll
  for (int k = 0; k < 4; ++k) out[4 * i + k] = h.l[k];
}

template <int T>
cudaError_t launch(const DeviceConstants& c, const std::uint64_t* in, std::uint64_t count, std::uint64_t hash_stride,
                   std::uint64_t elem_stride, std::uint64_t* out, int* bad_flag) {
  constexpr unsigned kThreads = 128;
  const auto blocks = static_cast<unsigned>((count + kThreads - 1) / kThreads);
  poseidon_kernel<T><<<blocks, kThreads>>>(c, in, count, hash_stride, elem_stride, out, bad_flag);
  return cudaGetLastError();
}

}  // namespace

int launch_poseidon_hashes(const DeviceConstants& c, const std::uint64_t* in, std::uint64_t count,
                           std::uint64_t hash_stride, std::uint64_t elem_stride, std::uint64_t* out, int* bad_flag) {
  if (count == 0) return 0;
  switch (c.width) {
    case 3: return launch<3>(c, in, count, hash_stride, elem_stride, out, bad_flag);
    case 9: return launch<9>(c, in, count, hash_stride, elem_stride, out, bad_flag);
    case 12: return launch<12>(c, in, count, hash_stride, elem_stride, out, bad_flag);
    default: return static_cast<int>(cudaErrorInvalidValue);
  }
}

}  // namespace sa::kernels::cuda
