// PC1 batches as one job: the request for one task, scaled to n tasks on one node, one rank each. A batch
// stays on one node so its sectors share that node's copy of the parent cache (page cache) and scratch.
#pragma once

#include "mapping/job_request.hpp"

namespace sa::adapter {

// How many tasks with request `one` fit one node of `partition` side by side (CPUs, memory, scratch,
// GPUs); 1 when the partition's launcher starts a single process.
int batch_capacity(const JobRequest& one, const Partition& partition);

// `one` for n tasks: n ranks on one node, each with one task's CPUs; memory, scratch and GPUs times n.
JobRequest batch_request(const JobRequest& one, int n);

}  // namespace sa::adapter
