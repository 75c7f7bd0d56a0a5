// Pinning the calling thread to one CPU core, for the multicore SDR labeller (proofs.md §4.1: the hashing
// thread and its producers share an L3). Which cores to use is the caller's choice (hwloc lives in jobs/).
#pragma once

namespace sa::kernels {

// sched_setaffinity of the calling thread to {core}. Throws sa::Error(Resource) when core is negative,
// beyond CPU_SETSIZE, or outside the cores this process may run on (cgroup cpuset, taskset, Slurm binding).
void pin_current_thread(int core);

}  // namespace sa::kernels
