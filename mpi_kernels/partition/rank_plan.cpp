// Even splits on aligned boundaries, and round-robin ownership.
#include "partition/rank_plan.hpp"

#include "base/error.hpp"

namespace sa::kernels {

NodeRange split_range(std::uint64_t total, int parts, int index, std::uint64_t align) {
  if (parts < 1 || index < 0 || index >= parts || align == 0) {
    throw Error(ErrorKind::Usage, "split_range: bad parts/index/align");
  }
  std::uint64_t blocks = (total + align - 1) / align;
  std::uint64_t p = static_cast<std::uint64_t>(parts), i = static_cast<std::uint64_t>(index);
  std::uint64_t base = blocks / p, extra = blocks % p;
  std::uint64_t first_block = i * base + (i < extra ? i : extra);
  std::uint64_t nblocks = base + (i < extra ? 1 : 0);
  NodeRange r;
  r.first = std::min(total, first_block * align);
  r.count = std::min(total, (first_block + nblocks) * align) - r.first;
  return r;
}

std::vector<int> owned_units(int units, int ranks, int rank) {
  std::vector<int> out;
  for (int u = rank; u < units; u += ranks) out.push_back(u);
  return out;
}

}  // namespace sa::kernels
