// SA_CUDA_CHECK: the one place CUDA runtime errors become sa::Error (aesthetics §8.4: each C library is touched
// in one wrapper that names the call). Include only from mpi_kernels/cuda sources.
#pragma once

#include <cuda_runtime.h>

#include <string>

#include "base/error.hpp"

namespace sa::kernels::cuda {

inline void check(cudaError_t status, const char* call, const char* file, int line) {
  if (status == cudaSuccess) return;
  throw Error(ErrorKind::Resource, std::string("CUDA: ") + call + " failed: " + cudaGetErrorName(status) + " (" +
                                       cudaGetErrorString(status) + ") at " + file + ":" + std::to_string(line),
              Retry::Retryable);
}

}  // namespace sa::kernels::cuda

#define SA_CUDA_CHECK(call) ::sa::kernels::cuda::check((call), #call, __FILE__, __LINE__)
