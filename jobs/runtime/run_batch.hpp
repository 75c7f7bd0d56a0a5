// A batch job: rank r runs the task of the batch's r-th manifest on its own (a session of size 1) and
// publishes that task's result. Ranks never wait for one another, so one sector's failure does not end
// the others' work; the job's exit code is the rank's own (Slurm reports the worst).
#pragma once

#include "contract/job_batch.hpp"
#include "runtime/mpi_session.hpp"
#include "stages/stage.hpp"

namespace sa::jobs {

int run_batch(const StageInfo& stage, const JobBatch& batch, const MpiSession& world);

}  // namespace sa::jobs
