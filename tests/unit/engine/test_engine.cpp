// The engine with the real local backend, the real sa-job and a temporary SQLite store: AddPiece tasks run
// end to end and produce Filecoin's commitments; the windows bound concurrency; failures are classified and
// retried; a crash between recording an attempt and submitting its job, and an engine restart while a job
// runs, both end with every task settled exactly once.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "backend/local/local_backend.hpp"
#include "config/site_config.hpp"
#include "engine/engine.hpp"
#include "layout/partial_file.hpp"
#include "piece/cid.hpp"
#include "piece/comm_d.hpp"
#include "piece/commp.hpp"
#include "piece/zero_comm.hpp"
#include "support/temp_dir.hpp"

namespace sa::adapter {
namespace {

const std::filesystem::path kSaJob = std::filesystem::path(SA_BINARY_DIR) / "bin" / "sa-job";

HostResources host(int cpus, std::uint64_t mem) {
  HostResources h;
  h.hostname = "testhost";
  for (int i = 0; i < cpus; ++i) h.cpu_ids.push_back(i % 2);
  h.mem_total = mem;
  return h;
}

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    site_ = embedded_default_site(dir_.path());
    site_.partitions.at(0).cpus_per_node = 2;
    site_.partitions.at(0).memory_per_node = 8ull << 30;
    store_ = std::make_unique<Store>(dir_ / "sa.db");
  }

  Engine make_engine(Backend& backend, std::filesystem::path job = kSaJob, Clock clock = wall_clock) {
    return Engine(*store_, backend, site_, ResourceTable::lotus_default(), EngineOptions{std::move(job), {}}, clock);
  }

  std::int64_t submit_ap(std::uint64_t sector, nlohmann::json pieces = nlohmann::json::array(), std::int64_t proof = 5) {
    NewTask n;
    n.sector = {1000, sector};
    n.type = TaskType::AddPiece;
    n.proof = params::SealProof{proof};
    n.inputs = {{"pieces", pieces}};
    return store_->submit(n, wall_clock()).task.id;
  }

  // Steps until no task is queued or running; returns the largest number of jobs active at once.
  int drain(Engine& engine, double timeout_s = 60) {
    int peak = 0;
    auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
    for (;;) {
      CycleReport r = engine.step();
      store_->check_invariants();
      peak = std::max(peak, r.active);
      if (r.active == 0 && r.queued == 0) return peak;
      if (std::chrono::steady_clock::now() > end) {
        ADD_FAILURE() << "engine did not drain";
        return peak;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  test::TempDir dir_;
  SiteConfig site_;
  std::unique_ptr<Store> store_;
};

TEST_F(EngineTest, CcSectorsSealAddPieceWithTheZeroCommitment) {
  LocalBackend backend(host(2, 8ull << 30));
  Engine engine = make_engine(backend);
  std::vector<std::int64_t> ids;
  for (std::uint64_t s = 1; s <= 5; ++s) ids.push_back(submit_ap(s));
  int peak = drain(engine);
  EXPECT_LE(peak, 2) << "two 1-thread AP tasks fit on 2 CPUs; the windows must not start more";
  std::string zero_cid = kernels::comm_d_cid(kernels::zero_piece_commitment(2048));
  for (auto id : ids) {
    auto t = store_->task(id);
    ASSERT_EQ(t->state, TaskState::Done) << t->error;
    auto r = *store_->result_of(id);
    EXPECT_EQ(r["comm_d"]["cid"], zero_cid);
    EXPECT_EQ(r["pieces"][0]["size"], 2048);
    // Lotus's partial file: the sector area, the whole of it allocated by the CC piece.
    EXPECT_EQ(staging::read_partial_file_allocated(r["unsealed"].get<std::string>(), 2048),
              (std::vector<staging::ByteRange>{{0, 2048}}));
    EXPECT_EQ(store_->attempts_of(id).size(), 1u);
  }
  EXPECT_TRUE(std::filesystem::exists(site_.storage_dir / "unsealed" / "s-t01000-3"));
}

TEST_F(EngineTest, ADataPieceGetsItsCommPAndIsPaddedIntoTheSector) {
  std::string data(1000, '\0');
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 7 + 3);
  std::ofstream(dir_ / "piece.bin", std::ios::binary) << data;
  auto id = submit_ap(9, {{{"kind", "file"}, {"path", (dir_ / "piece.bin").string()}}}, 6);  // 8MiB V1_1
  LocalBackend backend(host(2, 8ull << 30));
  Engine engine = make_engine(backend);
  drain(engine);
  ASSERT_EQ(store_->task(id)->state, TaskState::Done) << store_->task(id)->error;
  kernels::CommPHasher h;
  h.write(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
  auto pc = h.finish();
  auto r = *store_->result_of(id);
  EXPECT_EQ(r["pieces"][0]["cid"], kernels::comm_d_cid(pc.comm));
  EXPECT_EQ(r["pieces"][0]["size"], 1024);
  EXPECT_EQ(r["pieces"][0]["payload_size"], 1000);
  // The sector's CommD: the piece followed by zeros up to 8 MiB.
  EXPECT_EQ(r["comm_d"]["hex"], kernels::to_hex(kernels::compute_comm_d(8ull << 20, {{pc.padded_size, pc.comm}})));
  EXPECT_EQ(staging::read_partial_file_allocated(site_.storage_dir / "unsealed" / "s-t01000-9", 8ull << 20),
            (std::vector<staging::ByteRange>{{0, 1024}}));  // only the piece is allocated
}

TEST_F(EngineTest, AMissingPieceFailsPermanentlyWithTheReason) {
  auto id = submit_ap(3, {{{"kind", "file"}, {"path", (dir_ / "gone.car").string()}}});
  LocalBackend backend(host(2, 8ull << 30));
  Engine engine = make_engine(backend);
  drain(engine);
  auto t = *store_->task(id);
  EXPECT_EQ(t.state, TaskState::Failed);
  EXPECT_NE(t.error.find("gone.car"), std::string::npos) << t.error;
  EXPECT_EQ(store_->attempts_of(id).size(), 1u) << "a permanent failure is not retried";
}

TEST_F(EngineTest, RetryableFailuresAreRetriedAfterTheBackoff) {
  auto script = dir_ / "flaky-job";
  // Fails (exit 75) on the first run, succeeds by writing a proper result on the second.
  std::ofstream(script) << "#!/bin/sh\n"
                           "m=$3; r=$(sed -n 's/.*\"result\": \"\\(.*\\)\".*/\\1/p' \"$m\")\n"
                           "if [ ! -e " << (dir_ / "ran-once").string() << " ]; then touch " << (dir_ / "ran-once").string() << "; exit 75; fi\n"
                           "a=$(sed -n 's/.*\"attempt\": \\([0-9]*\\).*/\\1/p' \"$m\"); t=$(sed -n 's/.*\"id\": \\([0-9]*\\).*/\\1/p' \"$m\" | head -1)\n"
                           "printf '{\"schema\":\"sealadapter/job-result\",\"version\":1,\"task\":{\"id\":%s,\"attempt\":%s},\"stage\":\"addpiece\",\"status\":\"ok\",\"outputs\":{\"ok\":true}}' \"$t\" \"$a\" > \"$r\"\n";
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  double now = 1000;
  LocalBackend backend(host(2, 8ull << 30));
  Engine engine = make_engine(backend, script, [&] { return now; });
  auto id = submit_ap(4);
  for (int i = 0; i < 200 && !(store_->task(id)->attempts == 1 && store_->task(id)->state == TaskState::Queued); ++i) {
    engine.step();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  auto t = *store_->task(id);
  ASSERT_EQ(t.state, TaskState::Queued);
  EXPECT_TRUE(t.error_temporary);
  EXPECT_EQ(t.not_before, 1010);
  engine.step();
  EXPECT_EQ(store_->task(id)->state, TaskState::Queued) << "started again before the back-off ended";
  now = 1011;
  drain(engine);
  EXPECT_EQ(store_->task(id)->state, TaskState::Done);
  EXPECT_EQ(store_->attempts_of(id).size(), 2u);
  EXPECT_EQ(store_->attempts_of(id)[0].failure_class, "job-retryable");
}

TEST_F(EngineTest, AnAttemptLeftStartingByACrashIsRequeuedOrSettledFromItsResult) {
  auto lost = submit_ap(5);
  auto finished = submit_ap(6);
  // As if the engine died right after recording the attempts (before submitting their jobs).
  auto a_lost = store_->begin_attempt(lost, "local", {}, (dir_ / "m1.json").string(), (dir_ / "r1.json").string(), 1);
  auto a_done = store_->begin_attempt(finished, "local", {}, (dir_ / "m2.json").string(), (dir_ / "r2.json").string(), 1);
  std::ofstream(dir_ / "r2.json") << nlohmann::json{{"schema", "sealadapter/job-result"}, {"version", 1},
                                                    {"task", {{"id", finished}, {"attempt", a_done.number}}},
                                                    {"stage", "addpiece"}, {"status", "ok"}, {"outputs", {{"x", 1}}}}
                                         .dump();
  LocalBackend backend(host(2, 8ull << 30));
  Engine engine = make_engine(backend);
  drain(engine);
  EXPECT_EQ(store_->task(lost)->state, TaskState::Done);
  auto attempts = store_->attempts_of(lost);
  ASSERT_EQ(attempts.size(), 2u);
  EXPECT_EQ(attempts[0].state, AttemptState::Lost);
  EXPECT_EQ(store_->task(finished)->state, TaskState::Done);
  EXPECT_EQ((*store_->result_of(finished))["x"], 1);
  EXPECT_EQ(store_->attempts_of(finished).size(), 1u) << "a finished job is not run again";
  (void)a_lost;
}

TEST_F(EngineTest, ARestartedEngineAdoptsTheRunningJobAndSettlesItOnce) {
  auto script = dir_ / "slow-job";
  std::ofstream(script) << "#!/bin/sh\nsleep 1\nexec " << kSaJob.string() << " \"$@\"\n";
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  auto id = submit_ap(7);
  {
    LocalBackend first(host(2, 8ull << 30));
    Engine engine = make_engine(first, script);
    engine.step();
    ASSERT_EQ(store_->active_attempts().size(), 1u);
  }  // the engine and its backend are gone; the job keeps running
  LocalBackend second(host(2, 8ull << 30));
  Engine engine = make_engine(second, script);
  drain(engine);
  EXPECT_EQ(store_->task(id)->state, TaskState::Done) << store_->task(id)->error;
  EXPECT_EQ(store_->attempts_of(id).size(), 1u);
}

TEST_F(EngineTest, ATaskBiggerThanTheHostIsRejectedWithTheNumbers) {
  auto id = submit_ap(8, nlohmann::json::array(), 8);  // AP 32GiB needs 4 GiB + 1 GiB resident
  LocalBackend backend(host(2, 2ull << 30));
  Engine engine = make_engine(backend);
  CycleReport r = engine.step();
  EXPECT_EQ(r.blocked.size(), 1u);
  auto t = *store_->task(id);
  EXPECT_EQ(t.state, TaskState::Failed);
  EXPECT_NE(t.error.find("5120 MiB resident"), std::string::npos) << t.error;
}

TEST_F(EngineTest, CancelKillsTheRunningJob) {
  auto script = dir_ / "long-job";
  std::ofstream(script) << "#!/bin/sh\nsleep 60\n";
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  auto id = submit_ap(10);
  LocalBackend backend(host(2, 8ull << 30));
  Engine engine = make_engine(backend, script);
  engine.step();
  engine.step();
  engine.cancel(id);
  auto t0 = std::chrono::steady_clock::now();
  drain(engine, 20);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(15));
  EXPECT_EQ(store_->task(id)->state, TaskState::Cancelled);
  EXPECT_EQ(store_->attempts_of(id).back().state, AttemptState::Cancelled);
}

}  // namespace
}  // namespace sa::adapter
