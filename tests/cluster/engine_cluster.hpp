// The engine over the real local Slurm cluster with the real sa-job: a site built from site/local-test.toml
// with its own state directory and instance, a store, and helpers to run tasks, find their Slurm jobs, and
// hold a job in place (it blocks on the parent-cache lock that the test holds) while the test acts on it.
#pragma once

#include <fcntl.h>
#include <sys/file.h>

#include <sstream>

#include "cluster/cluster_support.hpp"
#include "config/site_config.hpp"
#include "engine/engine.hpp"
#include "graph/graph_spec.hpp"
#include "graph/parent_cache.hpp"
#include "support/file_text.hpp"
#include "support/temp_dir.hpp"

namespace sa::test {

inline const std::filesystem::path kClusterSaJob = std::filesystem::path(SA_BINARY_DIR) / "bin" / "sa-job";

// The test site: local-test.toml's partitions, this test's directories and instance.
inline std::string cluster_site_text(const std::filesystem::path& dir, const std::string& instance) {
  std::string text = file_text(std::filesystem::path(SA_SOURCE_DIR) / "site" / "local-test.toml");
  auto replace = [&](const std::string& key, const std::string& value) {
    auto at = text.find("\n" + key + " = ");
    auto end = text.find('\n', at + 1);
    text.replace(at + 1, end - at - 1, key + " = \"" + value + "\"");
  };
  replace("state_dir", dir.string());
  replace("storage_dir", (dir / "storage").string());
  replace("templates_dir", (std::filesystem::path(SA_SOURCE_DIR) / "templates").string());
  replace("instance", instance);
  replace("min_job_memory", "64MiB");  // the smallest a site may set: many small jobs fit the test nodes
  return text;
}

class EngineCluster {
 public:
  // `requeue`: whether Slurm may requeue our jobs itself (unset: the cluster's JobRequeue decides).
  explicit EngineCluster(std::optional<bool> requeue = std::nullopt)
      : instance_("sae" + std::to_string(::getpid() % 100000)),
        site_(adapter::parse_site(cluster_site_text(dir_.path(), instance_), "cluster-test.toml", dir_.path())),
        store_(dir_ / "sa.db"),
        backend_(cluster_api(), options(requeue)),
        parents_(dir_ / "parents"),
        table_(adapter::ResourceTable::lotus_default()) {
    std::filesystem::create_directories(parents_);
  }

  adapter::SlurmOptions options(std::optional<bool> requeue) const {
    adapter::SlurmOptions o = adapter::slurm_options_for(site_);
    o.submit.requeue = requeue;
    return o;
  }

  adapter::Engine engine() {
    return adapter::Engine(store_, backend_, site_, table_,
                           adapter::EngineOptions{kClusterSaJob, {{"FIL_PROOFS_PARENT_CACHE", parents_.string()}}});
  }

  adapter::ResourceTable& table() { return table_; }
  adapter::Store& store() { return store_; }
  adapter::SlurmBackend& backend() { return backend_; }
  adapter::SiteConfig& site() { return site_; }
  const std::filesystem::path& dir() const { return dir_.path(); }

  std::int64_t submit(std::uint64_t sector, adapter::TaskType type, nlohmann::json inputs, params::SealProof proof,
                      int max_attempts = 3) {
    adapter::NewTask n;
    n.sector = {1000, sector};
    n.type = type;
    n.proof = proof;
    n.max_attempts = max_attempts;
    n.inputs = std::move(inputs);
    return store_.submit(n, adapter::wall_clock()).task.id;
  }

  // Steps `engine` until `done` (checked after every cycle) or `seconds` pass.
  bool run_until(adapter::Engine& engine, const std::function<bool()>& done, double seconds) {
    auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < end) {
      engine.step();
      store_.check_invariants();
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return false;
  }
  bool run_until_ended(adapter::Engine& engine, std::int64_t task, double seconds) {
    return run_until(engine, [&] { return adapter::is_terminal(store_.task(task)->state); }, seconds);
  }

  // Holds the parent-cache lock of `proof`'s graph: a PC1 job of that proof blocks in ParentCache::open
  // until release() (its cache file does not exist yet in this test's cache directory).
  void hold_parent_cache(params::SealProof proof) {
    auto name = kernels::ParentCache::file_name(kernels::GraphSpec::for_proof(proof));
    lock_fd_ = ::open((parents_ / (name + ".lock")).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    ASSERT_GE(lock_fd_, 0);
    ASSERT_EQ(::flock(lock_fd_, LOCK_EX), 0);
  }
  void release_parent_cache() {
    if (lock_fd_ >= 0) ::close(lock_fd_);
    lock_fd_ = -1;
  }
  ~EngineCluster() { release_parent_cache(); }

  // The active attempt's Slurm job id once the job runs.
  std::string wait_running(adapter::Engine& engine, std::int64_t task, double seconds) {
    std::string id;
    run_until(engine, [&] {
      for (const auto& a : store_.attempts_of(task)) {
        if (a.state == adapter::AttemptState::Running) id = a.job_id;
      }
      return !id.empty();
    }, seconds);
    return id;
  }

  // True once the job's first step (the job binary under srun or mpirun) exists: a job can be RUNNING
  // while its script has not yet created the step, and a time limit that falls in between fails the
  // step's creation instead of timing the job out.
  bool wait_step(adapter::Engine& engine, const std::string& job, double seconds) {
    return run_until(engine, [&] {
      auto r = run_process({"/bin/sh", "-c", "squeue -h -s -o %i -j " + job});
      return r.out.find(job + ".0") != std::string::npos;
    }, seconds);
  }

  // Holds the parent-cache lock so the sector's PC1 job blocks, and waits until it runs with its step
  // started (a time limit or requeue that falls before the step exists fails the step instead); returns
  // its Slurm job id ("" when it did not get there).
  std::string hold_running_pc1(adapter::Engine& engine, std::int64_t pc1, params::SealProof proof) {
    hold_parent_cache(proof);
    std::string job = wait_running(engine, pc1, 120);
    if (job.empty() || !wait_step(engine, job, 60)) return "";
    return job;
  }

  static std::string scontrol(const std::string& args) {
    auto r = run_process({"/bin/sh", "-c", "scontrol " + args});
    return r.out + r.err;
  }

 private:
  TempDir dir_;
  std::string instance_;
  adapter::SiteConfig site_;
  adapter::Store store_;
  adapter::SlurmBackend backend_;
  std::filesystem::path parents_;
  adapter::ResourceTable table_;
  int lock_fd_ = -1;
};

inline const std::string kClusterTicket = std::string(64, '7');

inline std::string scontrol_field(const std::string& job_id, const std::string& key) {
  std::string out = EngineCluster::scontrol("show job " + job_id);
  auto at = out.find(key + "=");
  if (at == std::string::npos) return "";
  auto end = out.find_first_of(" \n", at);
  return out.substr(at + key.size() + 1, end - at - key.size() - 1);
}

// AddPiece of a CC sector, then PC1 queued (it will block while the test holds the parent-cache lock).
inline std::int64_t pc1_after_ap(EngineCluster& c, adapter::Engine& e, std::uint64_t sector, params::SealProof proof, int attempts = 3) {
  auto ap = c.submit(sector, adapter::TaskType::AddPiece, {{"pieces", nlohmann::json::array()}}, proof);
  EXPECT_TRUE(c.run_until_ended(e, ap, 120));
  EXPECT_EQ(c.store().task(ap)->state, adapter::TaskState::Done) << c.store().task(ap)->error;
  return c.submit(sector, adapter::TaskType::PreCommit1, {{"ticket", kClusterTicket}}, proof, attempts);
}

}  // namespace sa::test
