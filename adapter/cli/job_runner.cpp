// Spawn sa-job, wait, read its result.
#include "cli/job_runner.hpp"

#include <sys/wait.h>

#include <fstream>
#include <sstream>

#include "backend/local/spawn.hpp"
#include "base/error.hpp"
#include "contract/job_manifest.hpp"
#include "contract/job_result.hpp"

namespace sa::adapter {

namespace {

// The last lines of a job log, for an error message that says what happened.
std::string log_tail(const std::filesystem::path& log, std::size_t max_bytes = 2000) {
  std::ifstream in(log, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  return text.size() > max_bytes ? text.substr(text.size() - max_bytes) : text;
}

}  // namespace

jobs::JobResult run_job_here(const std::filesystem::path& job_binary, const std::filesystem::path& dir,
                             const std::string& stage, std::uint64_t miner, std::uint64_t sector, std::int64_t proof,
                             const std::filesystem::path& storage, const nlohmann::json& inputs) {
  std::filesystem::create_directories(dir);
  jobs::JobManifest m;
  m.task_id = 0;
  m.attempt = 1;
  m.task_type = "sealadapter/" + stage;
  m.stage = stage;
  m.miner = miner;
  m.sector = sector;
  m.proof_type = proof;
  m.storage_dir = storage;
  m.result_path = dir / "result.json";
  m.inputs = inputs;
  std::filesystem::remove(m.result_path);
  jobs::write_manifest(dir / "manifest.json", m);
  SpawnSpec spec;
  spec.program = job_binary;
  spec.args = {stage, "--manifest", (dir / "manifest.json").string()};
  spec.workdir = dir;
  spec.log = dir / "job.log";
  // As the engine does for a job that ended without a result and a code that is not a usage or data error
  // (an MPI start-up failure exits 1), it runs once more before giving up.
  for (int run = 1;; ++run) {
    pid_t pid = spawn_process(spec);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (auto r = jobs::read_result(m.result_path)) return *r;
    const bool exited = WIFEXITED(status);
    const std::string how = exited ? "exit code " + std::to_string(WEXITSTATUS(status))
                                   : "signal " + std::to_string(WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    if (run < 2 && (!exited || jobs::status_for_exit(WEXITSTATUS(status)) == jobs::ResultStatus::Retryable)) continue;
    throw Error(ErrorKind::Internal, "sa-job " + stage + " ended without a result (" + how + ", " + std::to_string(run) +
                                         " run(s)); its log " + spec.log.string() + " ends with:\n" + log_tail(spec.log));
  }
}

}  // namespace sa::adapter
