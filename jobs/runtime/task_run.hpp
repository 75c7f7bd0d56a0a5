// One task's run inside a job: the stage on a manifest, under an MPI session, giving a filled-in result
// (status, outputs or error, timings, host). Shared by single jobs and batch ranks.
#pragma once

#include <filesystem>

#include "contract/job_manifest.hpp"
#include "contract/job_result.hpp"
#include "runtime/mpi_session.hpp"
#include "stages/stage.hpp"

namespace sa::jobs {

// Never throws; a failure is in the result. Peak memory and CPU time are reduced over `mpi` (collective).
JobResult run_task(const StageInfo& stage, const JobManifest& manifest, const MpiSession& mpi);

// Publishes the result atomically; false (and a message on stderr) when it cannot be written.
bool publish_result(const std::filesystem::path& path, const JobResult& result);

// The result of a task that never ran (bad wiring, unreadable manifest), for the engine to read.
JobResult not_run(std::int64_t task_id, int attempt, const std::string& stage, ResultStatus status,
                  const std::string& kind, const std::string& message);

}  // namespace sa::jobs
