// Whether this process can use a CUDA GPU (aesthetics §8.6: CUDA code is compiled whenever nvcc exists, the
// decision to use it is made at run time). Plain C++ header: callers need no CUDA headers.
#pragma once

namespace sa::kernels {

// Number of usable CUDA devices; 0 when there is no driver, no device, or the runtime reports an error.
// Never throws.
int gpu_count();
// gpu_count() > 0.
bool gpu_available();

}  // namespace sa::kernels
