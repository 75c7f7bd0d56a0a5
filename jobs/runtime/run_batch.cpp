// Batch jobs: one task per rank.
#include "runtime/run_batch.hpp"

#include <iostream>

#include "base/error.hpp"
#include "runtime/task_run.hpp"

namespace sa::jobs {

namespace {

// A member manifest that can run in this batch: the batch's stage, one rank.
JobManifest member_manifest(const JobBatch& batch, std::size_t index) {
  JobManifest m = read_manifest(batch.members[index]);
  if (m.stage != batch.stage) {
    throw Error(ErrorKind::Usage, batch.members[index].string() + " is for stage \"" + m.stage + "\", not the batch's \"" +
                                      batch.stage + "\"");
  }
  if (m.ranks != 1) {
    throw Error(ErrorKind::Usage, batch.members[index].string() + " asks for " + std::to_string(m.ranks) +
                                      " ranks; a batch runs one rank per task");
  }
  return m;
}

// Every member gets a permanent failure it can be settled with (rank 0 writes them all).
int fail_all(const JobBatch& batch, const std::string& message) {
  std::cerr << "sa-job: " << message << "\n";
  for (const auto& path : batch.members) {
    try {
      JobManifest m = read_manifest(path);
      publish_result(m.result_path, not_run(m.task_id, m.attempt, batch.stage, ResultStatus::Permanent, "usage", message));
    } catch (const std::exception& e) {
      std::cerr << "sa-job: " << e.what() << "\n";
    }
  }
  return exit_code(JobExit::Usage);
}

}  // namespace

int run_batch(const StageInfo& stage, const JobBatch& batch, const MpiSession& world) {
  const int tasks = static_cast<int>(batch.members.size());
  if (world.size() != tasks) {
    if (world.rank() != 0) return exit_code(JobExit::Usage);
    return fail_all(batch, "MPI wiring: the batch has " + std::to_string(tasks) + " task(s), one per rank, but this MPI world has " +
                               std::to_string(world.size()) + " (was the job started with srun --mpi=pmix or mpirun -n " +
                               std::to_string(tasks) + "?)");
  }
  JobManifest manifest;
  try {
    manifest = member_manifest(batch, static_cast<std::size_t>(world.rank()));
  } catch (const std::exception& e) {
    // Without a readable manifest there is no result path: the engine sees the exit code and the log.
    std::cerr << "sa-job: rank " << world.rank() << ": " << e.what() << "\n";
    return exit_code(JobExit::Usage);
  }
  auto self = world.alone();
  JobResult result = run_task(stage, manifest, *self);
  if (!publish_result(manifest.result_path, result)) return exit_code(JobExit::Retryable);
  return exit_code(exit_for(result.status));
}

}  // namespace sa::jobs
