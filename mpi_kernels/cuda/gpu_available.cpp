// gpu_count / gpu_available via cudaGetDeviceCount; a missing driver or device is "no GPU", not an error.
#include "cuda/gpu_available.hpp"

#include <cuda_runtime.h>

namespace sa::kernels {

int gpu_count() {
  int n = 0;
  if (cudaGetDeviceCount(&n) != cudaSuccess) {
    (void)cudaGetLastError();  // clear the sticky "no device" error so later calls start clean
    return 0;
  }
  return n;
}

bool gpu_available() { return gpu_count() > 0; }

}  // namespace sa::kernels
