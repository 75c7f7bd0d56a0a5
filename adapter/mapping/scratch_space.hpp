// Scratch a task writes in the sealing path, from Lotus's space accounting (storiface/filetype.go
// FSOverheadSeal, in tenths of the sector size; lotus.md §7.4): unsealed 10, sealed 10, update 10,
// update-cache 21, cache 141. docs/03-resource-mapping.md lists the file types per task and why.
#pragma once

#include <cstdint>

#include "model/task_type.hpp"
#include "params/sector_size.hpp"

namespace sa::adapter {

// Sum of the sealing overheads of the file types the task allocates, in tenths of the sector size.
int scratch_overhead_tenths(TaskType t);

// Bytes: overhead tenths x sector size / 10 (e.g. PC1 32GiB: 151 x 32 GiB / 10 = 483.2 GiB).
std::uint64_t sealing_scratch_bytes(TaskType t, params::SectorSize s);

}  // namespace sa::adapter
