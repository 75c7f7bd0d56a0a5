// This machine's single-stream SHA-256 compression rate, measured on the spot, so that CLIs and benches can
// print a throughput next to the hardware limit it is bounded by (see mpi_kernels/README.md).
#pragma once

#include "hash/sha256.hpp"

namespace sa::kernels {

// Compressions (64-byte blocks) per second of one chained stream, timed over about `seconds` (at least one
// batch of 256 blocks, L1-resident). Throws sa::Error(Usage) for seconds that are not finite or > 60, and as
// resolve() does. Uses the calling thread only.
double measure_sha256_rate(double seconds, Sha256Impl impl = Sha256Impl::Auto);

}  // namespace sa::kernels
