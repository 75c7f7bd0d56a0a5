// sealadapter as a lotus-worker that runs C2: with a prover in the site file it advertises
// seal/v0/commit/2, takes SealCommit2 with the Commit1Out its own C1 returned, runs the prover (the test
// double) as a job, and ReturnSealCommit2 carries the proof bytes. A Commit1Out that is not Filecoin's, or
// is another sector's, is refused at once and becomes no task. SealPreCommit2 also takes a sector whose PC1
// ran on another worker, over the cache it left (Lotus's layout), and refuses one whose files do not match.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "filecoin/precommit1_out.hpp"
#include "lotus/lotus_json.hpp"
#include "prover_double/double_proof.hpp"
#include "service/test_miner.hpp"
#include "support/run_process.hpp"
#include "support/service_process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_parameters.hpp"

namespace sa {
namespace {

using adapter::lotus::base64_decode;
using adapter::lotus::base64_encode;

const std::string kBin = std::string(SA_BINARY_DIR) + "/bin/sealadapter";

nlohmann::json ref(std::uint64_t number) { return {{"ID", {{"Miner", 1000}, {"Number", number}}}, {"ProofType", 5}}; }

class LotusCommit2 : public ::testing::Test {
 protected:
  LotusCommit2() {
    test::write_test_parameters(home_ / "params", params::SectorSize::S2KiB);
    std::ofstream(site_file_) << "name = \"c2-test\"\nbackend = \"local\"\nstate_dir = \"" << home_.path().string()
                              << "\"\nparameter_cache = \"" << (home_ / "params").string() << "\"\n"
                              << "[[partition]]\nname = \"local\"\ncpus_per_node = \"auto\"\nmemory_per_node = \"auto\"\n"
                              << "launcher = \"mpirun\"\nprover = [\"" << SA_TEST_PROVER << "\", \"{input}\", \"{output}\"]\n";
  }
  test::TestMiner::Return run(const std::string& method, const nlohmann::json& params) {
    nlohmann::json call_id = miner_.call_worker(method, params);
    auto r = miner_.wait_return(call_id["ID"].get<std::string>(), 120);
    EXPECT_EQ(r.size(), 1u) << method << "\n" << test::file_text(service_.log());
    return r.empty() ? test::TestMiner::Return{} : r[0];
  }

  test::TempDir home_;
  std::filesystem::path site_file_ = home_ / "site.toml";
  test::TestMiner miner_;
  test::ServiceProcess service_{kBin, home_.path(), {{"MINER_API_INFO", miner_.api_info()}, {"SEALADAPTER_SITE", site_file_.string()}}};
};

TEST_F(LotusCommit2, SealCommit2RunsTheSitesProverAndReturnsItsProof) {
  ASSERT_FALSE(service_.start().empty()) << test::file_text(service_.log());
  ASSERT_TRUE(miner_.wait_connected(30)) << test::file_text(service_.log());
  EXPECT_TRUE(miner_.worker_info()["task_types"].contains("seal/v0/commit/2"));

  const std::string ticket(32, '\x11'), seed(32, '\x22');
  auto ap = run("AddPiece", {ref(4), nlohmann::json::array(), 2032, {{"Type", "null"}, {"Info", "2032"}}});
  auto pc1 = run("SealPreCommit1", {ref(4), base64_encode(ticket), nlohmann::json::array({ap.params[1]})});
  // Sector 9's PC1 "ran on another worker": its cache is sector 4's files as PC1 left them (Lotus's layout),
  // and the miner sends a PreCommit1Out as a real lotus-worker returns it.
  const auto storage = home_ / "storage";
  for (std::uint64_t n : {9, 10}) {
    const auto from = storage / "cache" / "s-t01000-4", to = storage / "cache" / ("s-t01000-" + std::to_string(n));
    std::filesystem::create_directories(to);
    for (const char* f : {"sc-02-data-layer-1.dat", "sc-02-data-layer-2.dat", "sc-02-data-tree-d.dat"}) {
      std::filesystem::copy_file(from / f, to / f);
    }
    std::filesystem::copy_file(storage / "sealed" / "s-t01000-4", storage / "sealed" / ("s-t01000-" + std::to_string(n)));
  }
  std::filesystem::resize_file(storage / "cache" / "s-t01000-10" / "sc-02-data-layer-1.dat", 1024);
  jobs::filecoin::PreCommit1Out foreign;
  foreign.comm_d = jobs::filecoin::read_precommit1_out(nlohmann::json::parse(base64_decode(pc1.params[1].get<std::string>(), "pc1o"))).comm_d;
  foreign.cache_path = "/placeholder";
  foreign.ticket = kernels::Commitment{};
  const std::string foreign_b64 = base64_encode(jobs::filecoin::precommit1_out_json(foreign));
  try {
    miner_.call_worker("SealPreCommit2", {ref(10), foreign_b64});
    ADD_FAILURE() << "a short layer file was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("labels[0].size says 64 nodes but"), std::string::npos) << e.what();
  }
  EXPECT_THROW(miner_.call_worker("SealPreCommit2", {ref(11), foreign_b64}), std::runtime_error) << "no files at all";

  auto pc2 = run("SealPreCommit2", {ref(4), pc1.params[1]});
  ASSERT_TRUE(pc2.params[2].is_null()) << pc2.params.dump();
  auto pc2_foreign = run("SealPreCommit2", {ref(9), foreign_b64});
  ASSERT_TRUE(pc2_foreign.params[2].is_null()) << pc2_foreign.params.dump();
  EXPECT_EQ(pc2_foreign.params[1]["Sealed"], pc2.params[1]["Sealed"]) << "the same layers and data give the same comm_r";
  auto c1 = run("SealCommit1", {ref(4), base64_encode(ticket), base64_encode(seed), nlohmann::json::array({ap.params[1]}),
                                pc2.params[1]});
  ASSERT_TRUE(c1.params[1].is_string()) << c1.params.dump();

  // Refused at once, before any task: not base64, not Filecoin's document, another sector's document.
  EXPECT_THROW(miner_.call_worker("SealCommit2", {ref(4), "not base64!"}), std::runtime_error);
  EXPECT_THROW(miner_.call_worker("SealCommit2", {ref(4), base64_encode("{\"registered_proof\":\"StackedDrg2KiBV1_1\"}")}),
               std::runtime_error);
  EXPECT_THROW(miner_.call_worker("SealCommit2", {ref(5), c1.params[1]}), std::runtime_error);

  auto c2 = run("SealCommit2", {ref(4), c1.params[1]});
  ASSERT_EQ(c2.method, "ReturnSealCommit2");
  ASSERT_TRUE(c2.params[2].is_null()) << c2.params.dump() << "\n" << test::file_text(service_.log());
  const std::string c1_bytes = base64_decode(c1.params[1].get<std::string>(), "c1o");
  EXPECT_EQ(base64_decode(c2.params[1].get<std::string>(), "proof"), test::double_proof_bytes(c1_bytes, 4, 192));

  // One C2 task for sector 4: the refused calls made none.
  auto st = test::run_process({kBin, "status", "--json"}, {{"SEALADAPTER_HOME", home_.path().string()},
                                                           {"SEALADAPTER_SITE", site_file_.string()}});
  int c2_tasks = 0;
  for (const auto& t : nlohmann::json::parse(st.out)) c2_tasks += t.value("short", "") == "C2";
  EXPECT_EQ(c2_tasks, 1) << st.out;
}

}  // namespace
}  // namespace sa
