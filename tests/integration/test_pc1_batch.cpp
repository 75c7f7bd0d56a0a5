// PC1 batches through the engine, the local backend (mpirun) and the real sa-job: several sectors' PC1 in
// one job, one sector per rank, giving exactly what separate jobs give; a partial batch waits for
// pc1_batch_wait; cancelling one sector leaves the others running; wrong MPI wiring fails every member.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "contract/job_batch.hpp"
#include "contract/job_result.hpp"
#include "pipeline_harness.hpp"

namespace sa::test {
namespace {

const std::string kTicket1 = std::string(62, '1') + "0a";
const std::string kTicket2 = std::string(62, '2') + "0b";

adapter::NewTask pc1_task(std::uint64_t sector, params::SealProof proof, const std::string& ticket, const nlohmann::json& ap) {
  adapter::NewTask n;
  n.sector = {1000, sector};
  n.type = adapter::TaskType::PreCommit1;
  n.proof = proof;
  n.max_attempts = 1;
  nlohmann::json pieces = nlohmann::json::array();
  for (const auto& p : ap["pieces"]) pieces.push_back({{"size", p["size"]}, {"cid", p["cid"]}});
  n.inputs = {{"ticket", ticket}, {"pieces", pieces}};
  return n;
}

// Steps the engine until every task is terminal (or `until` says stop); false on timeout.
bool step_until(PipelineHarness& h, const std::function<bool()>& until, int seconds = 300) {
  auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < end) {
    h.engine().step();
    h.store().check_invariants();
    if (until()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

bool all_terminal(PipelineHarness& h, const std::vector<std::int64_t>& ids) {
  for (auto id : ids) {
    if (!adapter::is_terminal(h.store().task(id)->state)) return false;
  }
  return true;
}

TEST(Pc1Batch, TwoSectorsInOneJobGiveWhatSeparateJobsGive) {
  const params::SealProof proof{5};  // 2KiB V1_1
  PipelineHarness batched(proof), single(proof);
  batched.site().pc1_batch = 2;
  nlohmann::json ap1 = batched.result(batched.run(1, adapter::TaskType::AddPiece, {{"pieces", nlohmann::json::array()}}));
  nlohmann::json ap2 = batched.result(batched.run(2, adapter::TaskType::AddPiece, {{"pieces", nlohmann::json::array()}}));
  auto t1 = batched.store().submit(pc1_task(1, proof, kTicket1, ap1), adapter::wall_clock()).task.id;
  auto t2 = batched.store().submit(pc1_task(2, proof, kTicket2, ap2), adapter::wall_clock()).task.id;
  ASSERT_TRUE(step_until(batched, [&] { return all_terminal(batched, {t1, t2}); }));

  auto a1 = batched.store().attempts_of(t1), a2 = batched.store().attempts_of(t2);
  ASSERT_EQ(a1.size(), 1u);
  ASSERT_EQ(a2.size(), 1u);
  EXPECT_EQ(a1[0].job_id, a2[0].job_id) << "one job for both sectors";
  EXPECT_EQ(a1[0].request["ntasks"], 2) << a1[0].request.dump();
  EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(a1[0].manifest_path).parent_path() / "batch.json"));
  for (auto id : {t1, t2}) ASSERT_EQ(batched.store().task(id)->state, adapter::TaskState::Done) << batched.store().task(id)->error;

  // The same sectors sealed one job each: the same replica ids, CommD and, after PC2, CommR.
  for (std::uint64_t s : {1u, 2u}) {
    const std::string& ticket = s == 1 ? kTicket1 : kTicket2;
    auto ap = single.result(single.run(s, adapter::TaskType::AddPiece, {{"pieces", nlohmann::json::array()}}));
    auto pc1 = single.result(single.run(s, adapter::TaskType::PreCommit1, pc1_task(s, proof, ticket, ap).inputs));
    auto batch_pc1 = batched.store().result_of(s == 1 ? t1 : t2).value();
    EXPECT_EQ(batch_pc1["replica_id"], pc1["replica_id"]);
    EXPECT_EQ(batch_pc1["comm_d"], pc1["comm_d"]);
    auto pc2_single = single.result(single.run(s, adapter::TaskType::PreCommit2, nlohmann::json::object()));
    auto pc2_batched = batched.result(batched.run(s, adapter::TaskType::PreCommit2, nlohmann::json::object()));
    EXPECT_EQ(pc2_batched["comm_r"], pc2_single["comm_r"]);
    EXPECT_FALSE(pc2_single["comm_r"].is_null());
  }
}

TEST(Pc1Batch, APartialBatchWaitsForMoreSectorsAndIsCappedByTheNode) {
  const params::SealProof proof{5};
  PipelineHarness h(proof);  // nodes of 2 CPUs: two 1-CPU PC1 ranks fit one node
  h.site().pc1_batch = 3;
  h.site().pc1_batch_wait = 3600;
  nlohmann::json ap1 = h.result(h.run(1, adapter::TaskType::AddPiece, {{"pieces", nlohmann::json::array()}}));
  nlohmann::json ap2 = h.result(h.run(2, adapter::TaskType::AddPiece, {{"pieces", nlohmann::json::array()}}));
  auto t1 = h.store().submit(pc1_task(1, proof, kTicket1, ap1), adapter::wall_clock()).task.id;
  for (int i = 0; i < 5; ++i) EXPECT_EQ(h.engine().step().started, 0) << "one sector: the batch waits for more";
  EXPECT_TRUE(h.store().attempts_of(t1).empty());
  // A second sector fills what one node holds (2 of the 3 the site allows): the batch starts at once.
  auto t2 = h.store().submit(pc1_task(2, proof, kTicket2, ap2), adapter::wall_clock()).task.id;
  EXPECT_EQ(h.engine().step().started, 2);
  ASSERT_TRUE(step_until(h, [&] { return all_terminal(h, {t1, t2}); }));
  EXPECT_EQ(h.store().attempts_of(t1).at(0).job_id, h.store().attempts_of(t2).at(0).job_id);
  EXPECT_EQ(h.store().task(t1)->state, adapter::TaskState::Done) << h.store().task(t1)->error;
  EXPECT_EQ(h.store().task(t2)->state, adapter::TaskState::Done) << h.store().task(t2)->error;

  // With the wait over, a lone sector starts by itself.
  nlohmann::json ap3 = h.result(h.run(3, adapter::TaskType::AddPiece, {{"pieces", nlohmann::json::array()}}));
  auto t3 = h.store().submit(pc1_task(3, proof, kTicket1, ap3), adapter::wall_clock()).task.id;
  h.site().pc1_batch_wait = 0;
  ASSERT_TRUE(step_until(h, [&] { return all_terminal(h, {t3}); }));
  EXPECT_EQ(h.store().task(t3)->state, adapter::TaskState::Done) << h.store().task(t3)->error;
  EXPECT_EQ(h.store().attempts_of(t3).at(0).request["ntasks"], 1);
}

TEST(Pc1Batch, CancellingOneSectorLeavesTheOthersRunning) {
  const params::SealProof proof{6};  // 8MiB: long enough to cancel while it runs
  PipelineHarness h(proof);
  h.site().pc1_batch = 2;
  nlohmann::json ap1 = h.result(h.run(1, adapter::TaskType::AddPiece, {{"pieces", nlohmann::json::array()}}));
  nlohmann::json ap2 = h.result(h.run(2, adapter::TaskType::AddPiece, {{"pieces", nlohmann::json::array()}}));
  auto t1 = h.store().submit(pc1_task(1, proof, kTicket1, ap1), adapter::wall_clock()).task.id;
  auto t2 = h.store().submit(pc1_task(2, proof, kTicket2, ap2), adapter::wall_clock()).task.id;
  ASSERT_TRUE(step_until(h, [&] { return !h.store().attempts_of(t1).empty(); }, 30));
  ASSERT_EQ(h.store().attempts_of(t1).at(0).job_id, h.store().attempts_of(t2).at(0).job_id);
  h.engine().cancel(t1);
  ASSERT_TRUE(step_until(h, [&] { return all_terminal(h, {t1, t2}); }));
  EXPECT_EQ(h.store().task(t1)->state, adapter::TaskState::Cancelled);
  EXPECT_EQ(h.store().task(t2)->state, adapter::TaskState::Done) << "the other sector's rank was not killed: "
                                                                  << h.store().task(t2)->error;
}

// One rank of a batch fails (its sector's data is not there yet): its attempt says why, names its rank and the
// job's log (which its own attempt directory links to), the other sector is done; the retry joins a sector
// that waits, and a lone retry records why it runs alone.
TEST(Pc1Batch, AFailedMemberSaysWhyAndItsRetryIsBatchedAgainOrSaysWhyNot) {
  const params::SealProof proof{5};
  PipelineHarness h(proof);
  h.site().pc1_batch = 2;
  nlohmann::json ap1 = h.result(h.run(1, adapter::TaskType::AddPiece, {{"pieces", nlohmann::json::array()}}));
  auto t1 = h.store().submit(pc1_task(1, proof, kTicket1, ap1), adapter::wall_clock()).task.id;
  auto t2 = h.store().submit(pc1_task(2, proof, kTicket2, ap1), adapter::wall_clock()).task.id;  // no AddPiece yet
  ASSERT_TRUE(step_until(h, [&] { return h.store().attempts_of(t2).size() == 1 && adapter::is_terminal(h.store().task(t1)->state) &&
                                         h.store().attempts_of(t2)[0].state != adapter::AttemptState::Running &&
                                         h.store().attempts_of(t2)[0].state != adapter::AttemptState::Submitted &&
                                         h.store().attempts_of(t2)[0].state != adapter::AttemptState::Starting; }));
  EXPECT_EQ(h.store().task(t1)->state, adapter::TaskState::Done) << h.store().task(t1)->error;
  const auto failed = h.store().attempts_of(t2).at(0);
  ASSERT_EQ(failed.state, adapter::AttemptState::Failed) << failed.message;
  EXPECT_EQ(failed.job_id, h.store().attempts_of(t1).at(0).job_id);
  EXPECT_NE(failed.message.find("rank 1 of PC1 batch job " + failed.job_id), std::string::npos) << failed.message;
  EXPECT_NE(failed.message.find("unsealed"), std::string::npos) << "the job's own reason: " << failed.message;
  const auto member_log = std::filesystem::path(failed.manifest_path).parent_path() / "job.log";
  ASSERT_TRUE(std::filesystem::is_symlink(member_log));
  EXPECT_EQ(std::filesystem::read_symlink(member_log).string(), failed.request["batch"]["log"].get<std::string>());
  EXPECT_NE(failed.message.find(failed.request["batch"]["log"].get<std::string>()), std::string::npos) << failed.message;
  EXPECT_TRUE(std::filesystem::exists(member_log)) << "the link resolves to the batch job's log";
  ASSERT_EQ(h.store().task(t2)->state, adapter::TaskState::Failed) << "no data is a permanent failure";

  // Sector 2 gets its data, the operator retries it, and sector 3 waits: the retry is batched with it.
  h.result(h.run(2, adapter::TaskType::AddPiece, {{"pieces", nlohmann::json::array()}}));
  nlohmann::json ap3 = h.result(h.run(3, adapter::TaskType::AddPiece, {{"pieces", nlohmann::json::array()}}));
  h.site().pc1_batch_wait = 3600;
  h.store().retry(t2, 1, adapter::wall_clock());
  auto t3 = h.store().submit(pc1_task(3, proof, kTicket1, ap3), adapter::wall_clock()).task.id;
  ASSERT_TRUE(step_until(h, [&] { return all_terminal(h, {t2, t3}); }, 120));
  EXPECT_EQ(h.store().task(t2)->state, adapter::TaskState::Done) << h.store().task(t2)->error;
  const auto retry = h.store().attempts_of(t2).at(1);
  EXPECT_EQ(retry.job_id, h.store().attempts_of(t3).at(0).job_id) << "re-batched with the waiting sector";
  EXPECT_EQ(retry.request["batch"]["tasks"], nlohmann::json::array({t2, t3})) << retry.request.dump();

  // A lone PC1 (nothing else waits, no wait configured) says why it has a job of its own.
  nlohmann::json ap4 = h.result(h.run(4, adapter::TaskType::AddPiece, {{"pieces", nlohmann::json::array()}}));
  h.site().pc1_batch_wait = 0;
  auto t4 = h.store().submit(pc1_task(4, proof, kTicket1, ap4), adapter::wall_clock()).task.id;
  ASSERT_TRUE(step_until(h, [&] { return all_terminal(h, {t4}); }));
  const auto alone = h.store().attempts_of(t4).at(0);
  EXPECT_EQ(alone.request["ntasks"], 1);
  EXPECT_NE(alone.request["batch"]["alone"].get<std::string>().find("pc1_batch_wait (0 s)"), std::string::npos)
      << alone.request.dump();
}

TEST(Pc1Batch, WrongMpiWiringFailsEveryMemberLoudly) {
  TempDir dir;
  jobs::JobBatch batch;
  batch.stage = "pc1";
  for (int i = 1; i <= 2; ++i) {
    nlohmann::json m = {{"schema", "sealadapter/job-manifest"}, {"version", 1},
                        {"task", {{"id", i}, {"attempt", 1}, {"type", "seal/v0/precommit/1"}}}, {"stage", "pc1"},
                        {"sector", {{"miner", 1000}, {"number", i}, {"proof_type", 5}}},
                        {"paths", {{"storage", (dir / "storage").string()}, {"result", (dir / ("r" + std::to_string(i) + ".json")).string()}}},
                        {"inputs", {{"ticket", kTicket1}}}};
    std::ofstream(dir / ("m" + std::to_string(i) + ".json")) << m.dump();
    batch.members.push_back(dir / ("m" + std::to_string(i) + ".json"));
  }
  jobs::write_batch(dir / "batch.json", batch);
  // Started without a launcher: a world of one rank for a batch of two.
  auto r = run_process({kSaJobPath.string(), "pc1", "--manifest", (dir / "batch.json").string()});
  EXPECT_EQ(r.exit_code, 64) << r.err;
  EXPECT_NE(r.err.find("MPI wiring"), std::string::npos) << r.err;
  for (int i = 1; i <= 2; ++i) {
    auto result = jobs::read_result(dir / ("r" + std::to_string(i) + ".json"));
    ASSERT_TRUE(result) << "member " << i << " has no result";
    EXPECT_EQ(result->task_id, i);
    EXPECT_EQ(result->status, jobs::ResultStatus::Permanent);
    EXPECT_NE(result->error_message.find("2 task(s)"), std::string::npos) << result->error_message;
  }
  // A batch whose stage is not the one named on the command line is refused before MPI starts.
  r = run_process({kSaJobPath.string(), "pc2", "--manifest", (dir / "batch.json").string()});
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_NE(r.err.find("not \"pc2\""), std::string::npos) << r.err;
}

}  // namespace
}  // namespace sa::test
