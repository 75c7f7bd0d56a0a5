// Spawn sa-job, wait, read its result.
#include "cli/job_runner.hpp"

#include <sys/wait.h>

#include "backend/local/spawn.hpp"
#include "base/error.hpp"
#include "contract/job_manifest.hpp"

namespace sa::adapter {

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
  pid_t pid = spawn_process(spec);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  auto r = jobs::read_result(m.result_path);
  if (!r) {
    throw Error(ErrorKind::Internal, "sa-job " + stage + " ended without a result (exit status " + std::to_string(status) +
                                         "); see " + spec.log.string());
  }
  return *r;
}

}  // namespace sa::adapter
