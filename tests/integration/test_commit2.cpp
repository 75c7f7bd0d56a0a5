// C2 through the engine, the local backend and the real sa-job, with the prover test double: the proof
// from {output} or from stdout, and every way a prover run can go wrong, each classified.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "filecoin/c2_parameters.hpp"
#include "filecoin/hex_bytes.hpp"
#include "integration/pipeline_harness.hpp"
#include "prover_double/double_proof.hpp"
#include "support/test_parameters.hpp"

namespace sa::test {
namespace {

const std::string kDouble = SA_TEST_PROVER;
const std::string kTicket(64, '3'), kSeed(64, '5');

std::string file_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

adapter::LocalOptions short_minutes() {
  adapter::LocalOptions o;
  o.walltime_minute_seconds = 2;  // a 1-minute walltime ends the job after 2 s
  o.kill_grace_seconds = 1;
  return o;
}

class Commit2 : public ::testing::Test {
 protected:
  Commit2() : h_(*params::seal_proof_from_id(5), 1, short_minutes()) {
    write_test_parameters(params_, params::SectorSize::S2KiB);
    h_.site().parameter_cache = params_;
    h_.site().partitions.at(0).prover = {kDouble, "{input}", "{output}"};
    h_.site().walltime.task_default[adapter::TaskType::Commit2] = 1;
    sealed_ = h_.seal(1, nlohmann::json::array(), kTicket, kSeed);
  }

  adapter::TaskRecord c2(std::vector<std::string> prover) {
    h_.site().partitions.at(0).prover = std::move(prover);
    return h_.run(1, adapter::TaskType::Commit2, {{"commit1_out", sealed_.c1["proofs"]}});
  }
  adapter::AttemptRecord last_attempt(const adapter::TaskRecord& t) { return h_.store().attempts_of(t.id).back(); }
  std::string expected_proof() {
    return jobs::filecoin::hex_encode(double_proof_bytes(file_text(sealed_.c1["proofs"].get<std::string>()), 1, 192));
  }

  PipelineHarness h_;
  TempDir params_dir_;
  std::filesystem::path params_ = params_dir_ / "params";
  PipelineHarness::Sealed sealed_;
};

TEST_F(Commit2, TheProverWritesTheProofToOutput) {
  auto t = c2({kDouble, "{input}", "{output}"});
  ASSERT_EQ(t.state, adapter::TaskState::Done) << t.error;
  auto r = h_.result(t);
  EXPECT_EQ(r["bytes"], 192);
  EXPECT_EQ(r["partitions"], 1);
  EXPECT_EQ(r["from"], "output");
  EXPECT_EQ(r["proof"], expected_proof());
  // The job's log has what the prover printed; the envelope is removed after a good proof.
  auto a = last_attempt(t);
  auto dir = std::filesystem::path(a.result_path).parent_path();
  EXPECT_NE(file_text(dir / "job.log").find("test prover double: sector 1, StackedDrg2KiBV1_1"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir / "c2-in.json"));
  auto manifest = nlohmann::json::parse(file_text(a.manifest_path));
  EXPECT_EQ(manifest["inputs"]["parameter_cache"], params_.string());
  EXPECT_EQ(manifest["inputs"]["prover"][0], kDouble);
}

TEST_F(Commit2, OrPrintsItOnStdoutAsLotusBenchDoes) {
  auto t = c2({kDouble, "{input}"});
  ASSERT_EQ(t.state, adapter::TaskState::Done) << t.error;
  EXPECT_EQ(h_.result(t)["from"], "stdout");
  EXPECT_EQ(h_.result(t)["proof"], expected_proof());
}

TEST_F(Commit2, AProverThatExitsNonZeroIsATemporaryFailureThatKeepsItsInput) {
  auto t = c2({kDouble, "--mode", "fail", "{input}", "{output}"});
  ASSERT_EQ(t.state, adapter::TaskState::Failed);
  EXPECT_NE(t.error.find("ended with exit code 3"), std::string::npos) << t.error;
  EXPECT_NE(t.error.find("test prover double: sector 1"), std::string::npos) << "its last lines: " << t.error;
  auto a = last_attempt(t);
  EXPECT_EQ(a.failure_class, "job-retryable");
  EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(a.result_path).parent_path() / "c2-in.json"))
      << "kept to run the prover again by hand";
}

TEST_F(Commit2, AProverThatHangsIsEndedAtTheWalltimeAsATimeout) {
  auto t = c2({kDouble, "--mode", "hang", "{input}", "{output}"});
  ASSERT_EQ(t.state, adapter::TaskState::Failed);
  auto a = last_attempt(t);
  EXPECT_EQ(a.failure_class, "timeout") << a.message;
  EXPECT_NE(a.message.find("time limit of 1 min"), std::string::npos) << a.message;
}

TEST_F(Commit2, AShortProofIsAPermanentFailureThatSaysTheLengths) {
  auto t = c2({kDouble, "--mode", "short", "{input}", "{output}"});
  ASSERT_EQ(t.state, adapter::TaskState::Failed);
  EXPECT_NE(t.error.find("returned 100 bytes; a 2KiB proof is 192 bytes"), std::string::npos) << t.error;
  EXPECT_EQ(last_attempt(t).failure_class, "job-permanent");
}

TEST_F(Commit2, AProverThatCannotBeStartedIsAPermanentFailureNamingIt) {
  auto t = c2({"/nonexistent/lotus-bench", "prove", "{input}"});
  ASSERT_EQ(t.state, adapter::TaskState::Failed);
  EXPECT_NE(t.error.find("cannot run the prover \"/nonexistent/lotus-bench\""), std::string::npos) << t.error;
  EXPECT_EQ(last_attempt(t).failure_class, "job-permanent");
}

TEST_F(Commit2, MissingParametersFailTheTaskBeforeAnyJobIsSubmitted) {
  std::filesystem::remove(params_ / jobs::filecoin::parameter_files(params::SectorSize::S2KiB).vk);
  auto t = c2({kDouble, "{input}", "{output}"});
  ASSERT_EQ(t.state, adapter::TaskState::Failed);
  auto a = last_attempt(t);
  EXPECT_EQ(a.failure_class, "launch-failed");
  EXPECT_TRUE(a.job_id.empty()) << "nothing was submitted";
  EXPECT_NE(t.error.find(jobs::filecoin::parameter_files(params::SectorSize::S2KiB).vk + " is missing"), std::string::npos)
      << t.error;
}

TEST_F(Commit2, AnotherSectorsCommit1OutIsRefused) {
  auto other = h_.seal(2, nlohmann::json::array(), kTicket, kSeed);
  h_.site().partitions.at(0).prover = {kDouble, "{input}"};
  auto t = h_.run(1, adapter::TaskType::Commit2, {{"commit1_out", other.c1["proofs"]}});
  ASSERT_EQ(t.state, adapter::TaskState::Failed);
  EXPECT_NE(t.error.find("belongs to sector 2"), std::string::npos) << t.error;
  EXPECT_EQ(last_attempt(t).failure_class, "job-permanent");
}

}  // namespace
}  // namespace sa::test
