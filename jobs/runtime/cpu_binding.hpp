// CPU choice for multicore SDR inside the job's allowed cpuset (what Slurm's cgroup or the local backend
// gave us): the producers and the hashing thread should share one L3 cache (an AMD CCX), as
// rust-fil-proofs' cores.rs does. The kernel only pins to the ids returned here.
#pragma once

#include <vector>

namespace sa::jobs {

// `count` OS CPU ids that share the deepest cache level which has fewer instances than cores (typically
// L3); the first group with enough allowed cores wins. With fewer allowed cores than `count`, all of them
// (the kernel then runs some threads unpinned-together).
std::vector<int> sdr_core_group(int count);

// Every OS CPU id this process may run on.
std::vector<int> allowed_cpus();

}  // namespace sa::jobs
