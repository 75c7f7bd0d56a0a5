// Internal interface between poseidon_gpu.cpp (host: constants, buffers, checks) and poseidon_gpu_kernels.cu
// (device code). Plain C++ so the host side never goes through nvcc. All pointers are device pointers.
#pragma once

#include <cstdint>

namespace sa::kernels::cuda {

// The optimized Poseidon schedule of hash/poseidon_constants.hpp as 4-limb Montgomery values in device
// memory (same order as the CPU vectors).
struct DeviceConstants {
  int arity = 0;
  int width = 0;
  int full_rounds = 0;
  int partial_rounds = 0;
  const std::uint64_t* domain_tag = nullptr;         // 4 limbs
  const std::uint64_t* full_constants = nullptr;     // R_F·t
  const std::uint64_t* partial_constants = nullptr;  // R_P
  const std::uint64_t* pre_sparse = nullptr;         // t·t
  const std::uint64_t* mds = nullptr;                // t·t
  const std::uint64_t* sparse_row0 = nullptr;        // R_P·t
  const std::uint64_t* sparse_col0 = nullptr;        // R_P·(t−1)
};

// For i < count: hashes the arity nodes in[(i·hash_stride + j·elem_stride)·4 ..] (canonical LE limbs),
// j < arity, and writes the canonical result to out[4i ..]. Sets *bad_flag to 1 when an input is ≥ p.
// Asynchronous on the default stream; returns cudaError_t as int (0 = launched). Widths 3, 9 and 12 only
// (arities 2, 8, 11); any other gives cudaErrorInvalidValue.
int launch_poseidon_hashes(const DeviceConstants& c, const std::uint64_t* in, std::uint64_t count,
                           std::uint64_t hash_stride, std::uint64_t elem_stride, std::uint64_t* out, int* bad_flag);

}  // namespace sa::kernels::cuda
