// Which part of a stage each MPI rank does: pure functions of (work size, ranks, rank), so every rank
// computes the same plan without talking, and results do not depend on the rank count.
#pragma once

#include <cstdint>
#include <vector>

namespace sa::kernels {

struct NodeRange {
  std::uint64_t first = 0;
  std::uint64_t count = 0;
};

// Range `index` of `parts` contiguous ranges covering [0, total), boundaries on multiples of `align`
// (the last range takes the remainder); empty ranges when there are more parts than aligned blocks.
NodeRange split_range(std::uint64_t total, int parts, int index, std::uint64_t align = 1);

// Units (base trees, partitions, sectors) rank `rank` of `ranks` owns: rank, rank + ranks, ...
std::vector<int> owned_units(int units, int ranks, int rank);

}  // namespace sa::kernels
