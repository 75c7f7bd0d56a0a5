// Runs sealing tasks one at a time through the real engine, the local backend and the real sa-job, with
// a temporary state directory, so tests can look at (and damage) the files between stages.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "backend/local/local_backend.hpp"
#include "config/site_config.hpp"
#include "engine/engine.hpp"
#include "engine/pipeline.hpp"
#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

namespace sa::test {

inline const std::filesystem::path kSaJobPath = std::filesystem::path(SA_BINARY_DIR) / "bin" / "sa-job";

class PipelineHarness {
 public:
  explicit PipelineHarness(params::SealProof proof, int ranks = 1, adapter::LocalOptions local = {})
      : proof_(proof), ranks_(ranks) {
    site_ = adapter::embedded_default_site(dir_.path());
    site_.partitions.at(0).cpus_per_node = 2;
    site_.partitions.at(0).memory_per_node = 16ull << 30;
    store_ = std::make_unique<adapter::Store>(dir_ / "sa.db");
    adapter::HostResources h;
    h.hostname = "testhost";
    h.cpu_ids = {0, 1};
    h.mem_total = 16ull << 30;
    backend_ = std::make_unique<adapter::LocalBackend>(h, local);
    engine_ = std::make_unique<adapter::Engine>(*store_, *backend_, site_, adapter::ResourceTable::lotus_default(),
                                                adapter::EngineOptions{kSaJobPath, {{"FIL_PROOFS_PARENT_CACHE", parents_dir()}}});
  }

  static std::string parents_dir() { return (std::filesystem::temp_directory_path() / "sa-test-parents").string(); }

  const std::filesystem::path& root() const { return dir_.path(); }
  // The engine reads the site through a reference: tests may change it between steps (pc1_batch...).
  adapter::SiteConfig& site() { return site_; }
  adapter::Store& store() { return *store_; }
  adapter::Engine& engine() { return *engine_; }
  std::filesystem::path storage() const { return site_.storage_dir; }
  std::filesystem::path cache(std::uint64_t sector) const {
    return storage() / "cache" / ("s-t01000-" + std::to_string(sector));
  }
  std::filesystem::path sealed(std::uint64_t sector) const { return storage() / "sealed" / ("s-t01000-" + std::to_string(sector)); }
  std::filesystem::path unsealed(std::uint64_t sector) const {
    return storage() / "unsealed" / ("s-t01000-" + std::to_string(sector));
  }

  // Submits the task and runs the engine until it ends; returns it (with its error when it failed).
  adapter::TaskRecord run(std::uint64_t sector, adapter::TaskType type, nlohmann::json inputs) {
    adapter::NewTask n;
    n.sector = {1000, sector};
    n.type = type;
    n.proof = proof_;
    n.ranks = ranks_;
    n.max_attempts = 1;
    n.inputs = std::move(inputs);
    auto existing = store_->find_task(n.sector, type);
    std::int64_t id = existing ? store_->resubmit(existing->id, n.inputs, adapter::wall_clock()).id
                               : store_->submit(n, adapter::wall_clock()).task.id;
    auto end = std::chrono::steady_clock::now() + std::chrono::minutes(10);
    while (!adapter::is_terminal(store_->task(id)->state) && std::chrono::steady_clock::now() < end) {
      engine_->step();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return *store_->task(id);
  }

  nlohmann::json result(const adapter::TaskRecord& t) const { return store_->result_of(t.id).value_or(nlohmann::json{}); }

  // AP -> PC1 -> PC2 -> C1 with the given ticket and seed; fails the test on the first failed stage.
  struct Sealed {
    nlohmann::json ap, pc1, pc2, c1;
  };
  Sealed seal(std::uint64_t sector, nlohmann::json pieces, const std::string& ticket, const std::string& seed) {
    Sealed s;
    auto done = [&](const adapter::TaskRecord& t) {
      EXPECT_EQ(t.state, adapter::TaskState::Done) << adapter::short_name(t.type) << ": " << t.error;
      return result(t);
    };
    s.ap = done(run(sector, adapter::TaskType::AddPiece, {{"pieces", pieces}}));
    nlohmann::json piece_infos = nlohmann::json::array();
    for (const auto& p : s.ap.value("pieces", nlohmann::json::array())) piece_infos.push_back({{"size", p["size"]}, {"cid", p["cid"]}});
    s.pc1 = done(run(sector, adapter::TaskType::PreCommit1, {{"ticket", ticket}, {"pieces", piece_infos}}));
    s.pc2 = done(run(sector, adapter::TaskType::PreCommit2, nlohmann::json::object()));
    s.c1 = done(run(sector, adapter::TaskType::Commit1, c1_inputs(s, ticket, seed)));
    return s;
  }

  static nlohmann::json c1_inputs(const Sealed& s, const std::string& ticket, const std::string& seed) {
    return {{"ticket", ticket}, {"seed", seed}, {"comm_d", s.pc1["comm_d"]["hex"]}, {"comm_r", s.pc2["comm_r"]["hex"]}};
  }

  // Runs `sa-job verify` on a proofs file; returns its outputs ({"valid", "reason"}).
  nlohmann::json verify(std::uint64_t sector, const Sealed& s, const std::string& ticket, const std::string& seed,
                        const std::string& proofs_path) {
    auto dir = dir_ / ("verify-" + std::to_string(++verifies_));
    std::filesystem::create_directories(dir);
    nlohmann::json inputs = c1_inputs(s, ticket, seed);
    inputs["proofs"] = proofs_path;
    nlohmann::json m = {{"schema", "sealadapter/job-manifest"}, {"version", 1},
                        {"task", {{"id", 0}, {"attempt", 1}, {"type", "sealadapter/verify"}}}, {"stage", "verify"},
                        {"sector", {{"miner", 1000}, {"number", sector}, {"proof_type", proof_.id}}},
                        {"paths", {{"storage", storage().string()}, {"result", (dir / "r.json").string()}}}, {"inputs", inputs}};
    std::ofstream(dir / "m.json") << m.dump();
    auto r = run_process({kSaJobPath.string(), "verify", "--manifest", (dir / "m.json").string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(dir / "r.json");
    return nlohmann::json::parse(in)["outputs"];
  }

 private:
  TempDir dir_;
  params::SealProof proof_;
  int ranks_;
  int verifies_ = 0;
  adapter::SiteConfig site_;
  std::unique_ptr<adapter::Store> store_;
  std::unique_ptr<adapter::LocalBackend> backend_;
  std::unique_ptr<adapter::Engine> engine_;
};

}  // namespace sa::test
