// The job runtime: argument parsing, MPI set-up and the world-size check, running the stage, publishing the
// result atomically from rank 0, and choosing the exit code.
#include "runtime/run_job.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <new>
#include <string>

#include "base/error.hpp"
#include "contract/job_result.hpp"
#include "publish/atomic_file.hpp"
#include "stages/stage.hpp"

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

int usage(const char* msg) {
  std::cerr << "sa-job: " << msg << "\n"
            << "usage: sa-job <stage> --manifest FILE\n"
            << "       sa-job --list | --version\n";
  return exit_code(JobExit::Usage);
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

int sa_job_main(int argc, char** argv) {
  std::string stage_name, manifest_path;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--version") {
      std::cout << "sa-job " << SA_VERSION << " (manifest v" << kManifestVersion << ", result v" << kResultVersion << ")\n";
      return 0;
    }
    if (a == "--list") {
      for (const auto& s : stages()) std::cout << s.name << "\t" << s.description << "\n";
      return 0;
    }
    if (a == "--manifest" && i + 1 < argc) manifest_path = argv[++i];
    else if (a.rfind("--manifest=", 0) == 0) manifest_path = a.substr(11);
    else if (stage_name.empty() && !a.empty() && a[0] != '-') stage_name = a;
    else return usage(("unexpected argument: " + a).c_str());
  }
  if (stage_name.empty() || manifest_path.empty()) return usage("a stage and --manifest are required");
  const StageInfo* stage = find_stage(stage_name);
  if (!stage) return usage(("unknown stage: " + stage_name + " (sa-job --list shows them)").c_str());

  JobManifest manifest;
  try {
    manifest = read_manifest(manifest_path);
  } catch (const std::exception& e) {
    std::cerr << "sa-job: " << e.what() << "\n";
    return exit_code(JobExit::Usage);
  }
  if (manifest.stage != stage_name) {
    std::cerr << "sa-job: the manifest is for stage \"" << manifest.stage << "\", not \"" << stage_name << "\"\n";
    return exit_code(JobExit::Usage);
  }

  MpiSession mpi(&argc, &argv);
  auto t0 = std::chrono::steady_clock::now();
  JobResult result;
  result.task_id = manifest.task_id;
  result.attempt = manifest.attempt;
  result.stage = stage_name;
  result.host = hostname();
  result.ranks = mpi.size();
  result.started_at = now_rfc3339();
  run_stage(*stage, manifest, mpi, result);
  result.finished_at = now_rfc3339();
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  if (result.status != ResultStatus::Ok) {
    std::cerr << "sa-job: rank " << mpi.rank() << ": " << result.stage << " failed (" << status_name(result.status)
              << "): " << result.error_message << "\n";
    if (mpi.size() > 1) {
      // Other ranks may be waiting in a collective: publish this rank's failure and end the whole job.
      try {
        staging::write_file_atomic(manifest.result_path, to_json(result).dump(2) + "\n");
      } catch (const std::exception& e) {
        std::cerr << "sa-job: cannot write the result: " << e.what() << "\n";
      }
      mpi.abort(exit_code(exit_for(result.status)));
    }
  }
  result.peak_rss_bytes = mpi.max_u64(peak_rss_bytes());
  result.cpu_seconds = mpi.sum_double(cpu_seconds());
  if (mpi.rank() == 0) {
    try {
      staging::write_file_atomic(manifest.result_path, to_json(result).dump(2) + "\n");
    } catch (const std::exception& e) {
      std::cerr << "sa-job: cannot write the result " << manifest.result_path << ": " << e.what() << "\n";
      return exit_code(JobExit::Retryable);
    }
  }
  return exit_code(exit_for(result.status));
}

}  // namespace sa::jobs
