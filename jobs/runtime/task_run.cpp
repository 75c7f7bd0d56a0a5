// Running one stage on one manifest: the world-size check, the stage, the error classes, the timings.
#include "runtime/task_run.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <iostream>
#include <new>
#include <string>

#include "base/error.hpp"
#include "publish/atomic_file.hpp"

namespace sa::jobs {

namespace {

std::string now_rfc3339() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string hostname() {
  char buf[256] = {0};
  gethostname(buf, sizeof buf - 1);
  return buf;
}

std::uint64_t peak_rss_bytes() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<std::uint64_t>(ru.ru_maxrss) * 1024;
}

double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto sec = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return sec(ru.ru_utime) + sec(ru.ru_stime);
}

void fail(JobResult& r, ResultStatus status, std::string_view kind, const std::string& message) {
  r.status = status;
  r.error_kind = std::string(kind);
  r.error_message = message;
}

// Runs the stage and fills `result`; never throws.
void run_stage(const StageInfo& stage, const JobManifest& manifest, const MpiSession& mpi, JobResult& result) {
  try {
    if (mpi.size() != manifest.ranks) {
      throw Error(ErrorKind::Usage,
                  "MPI wiring: the manifest asks for " + std::to_string(manifest.ranks) + " rank(s) but this MPI world has " +
                      std::to_string(mpi.size()) +
                      " (was the job started with srun --mpi=pmix or mpirun -n " + std::to_string(manifest.ranks) + "?)");
    }
    KernelSettings settings = KernelSettings::from_environment();
    StageContext ctx{manifest, mpi, settings};
    result.outputs = stage.run(ctx);
  } catch (const Error& e) {
    fail(result, e.kind() == ErrorKind::Usage || !e.retryable() ? ResultStatus::Permanent : ResultStatus::Retryable,
         error_kind_name(e.kind()), e.what());
  } catch (const std::bad_alloc&) {
    // The engine reads this kind like Slurm's OUT_OF_MEMORY: the next attempt asks for more memory.
    fail(result, ResultStatus::Retryable, "out-of-memory", "out of memory: the job needs more than it was given");
  } catch (const std::filesystem::filesystem_error& e) {
    fail(result, ResultStatus::Retryable, "io", e.what());
  } catch (const std::exception& e) {
    fail(result, ResultStatus::Permanent, "internal", e.what());
  }
}

}  // namespace

JobResult run_task(const StageInfo& stage, const JobManifest& manifest, const MpiSession& mpi) {
  auto t0 = std::chrono::steady_clock::now();
  JobResult result;
  result.task_id = manifest.task_id;
  result.attempt = manifest.attempt;
  result.stage = std::string(stage.name);
  result.host = hostname();
  result.ranks = mpi.size();
  result.started_at = now_rfc3339();
  run_stage(stage, manifest, mpi, result);
  result.finished_at = now_rfc3339();
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (result.status != ResultStatus::Ok) {
    std::cerr << "sa-job: task " << manifest.task_id << " rank " << mpi.rank() << ": " << result.stage << " failed ("
              << status_name(result.status) << "): " << result.error_message << "\n";
    if (mpi.size() > 1) {
      // Other ranks may be waiting in a collective: publish this rank's failure and end the whole job.
      publish_result(manifest.result_path, result);
      mpi.abort(exit_code(exit_for(result.status)));
    }
  }
  result.peak_rss_bytes = mpi.max_u64(peak_rss_bytes());
  result.cpu_seconds = mpi.sum_double(cpu_seconds());
  return result;
}

bool publish_result(const std::filesystem::path& path, const JobResult& result) {
  try {
    staging::write_file_atomic(path, to_json(result).dump(2) + "\n");
    return true;
  } catch (const std::exception& e) {
    std::cerr << "sa-job: cannot write the result " << path.string() << ": " << e.what() << "\n";
    return false;
  }
}

JobResult not_run(std::int64_t task_id, int attempt, const std::string& stage, ResultStatus status,
                  const std::string& kind, const std::string& message) {
  JobResult r;
  r.task_id = task_id;
  r.attempt = attempt;
  r.stage = stage;
  r.host = hostname();
  r.started_at = r.finished_at = now_rfc3339();
  fail(r, status, kind, message);
  return r;
}

}  // namespace sa::jobs
