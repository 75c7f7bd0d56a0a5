// The Lotus worker link on the real Slurm cluster, for a sector whose PC1 ran on another worker: another
// sealadapter (its own state, the same shared storage) runs AP and PC1; the cache is then what a real
// lotus-worker's PC1 leaves (our index and checksum manifest removed); the miner sends SealPreCommit2 with a
// PreCommit1Out the test writes as a real lotus-worker returns it (Go-sorted keys, _lotus_SealRandomness),
// then SealCommit1 and SealCommit2 (the gpu partition's prover: the test double). comm_d and comm_r are
// `sealadapter seal`'s, and the proof is the double's for the Commit1Out the miner got.
#include <signal.h>

#include "cluster/engine_cluster.hpp"
#include "lotus/lotus_json.hpp"
#include "publish/checksum_manifest.hpp"
#include "prover_double/double_proof.hpp"
#include "service/test_miner.hpp"
#include "support/service_process.hpp"
#include "support/test_parameters.hpp"

namespace sa::test {
namespace {

using adapter::lotus::base64_decode;
using adapter::lotus::base64_encode;

const std::string kBin = std::string(SA_BINARY_DIR) + "/bin/sealadapter";
const std::string kTicketHex = std::string(62, '5') + "0b", kSeedHex(64, 'd');

std::string bytes_of_hex(const std::string& h) {
  std::string out;
  for (std::size_t i = 0; i < h.size(); i += 2) out += static_cast<char>(std::stoi(h.substr(i, 2), nullptr, 16));
  return out;
}

void pc2_from_another_workers_pc1(params::SealProof proof, std::uint64_t sector) {
  const std::string size = std::string(params::sector_size_name(proof.size())), num = std::to_string(sector);
  const std::uint64_t nodes = params::nodes(proof.size());
  auto ref = [&](std::uint64_t n) { return nlohmann::json{{"ID", {{"Miner", 1000}, {"Number", n}}}, {"ProofType", proof.id}}; };
  TempDir dir;
  const auto home = dir / "service", other = dir / "other", parents = dir / "parents";
  std::filesystem::create_directories(parents);
  write_test_parameters(dir / "params", proof.size());
  const std::string inst = std::to_string(::getpid() % 10000);
  {
    std::ofstream(dir / "service.toml") << "parameter_cache = \"" << (dir / "params").string() << "\"\n"
                                        << cluster_site_text(home, "sal" + inst) << "prover = [\"" SA_TEST_PROVER "\", \"{input}\", \"{output}\"]\n";
    std::string text = cluster_site_text(other, "sao" + inst);
    const std::string theirs = "storage_dir = \"" + (other / "storage").string() + "\"";
    text.replace(text.find(theirs), theirs.size(), "storage_dir = \"" + (home / "storage").string() + "\"");
    std::ofstream(dir / "other.toml") << text;
  }
  const std::map<std::string, std::string> other_env = {{"SEALADAPTER_SITE", (dir / "other.toml").string()},
                                                        {"FIL_PROOFS_PARENT_CACHE", parents.string()}};
  auto cli = [&](std::vector<std::string> args) {
    args.insert(args.begin(), kBin);
    return run_process(args, other_env);
  };
  // The other worker's AP and PC1.
  ASSERT_EQ(cli({"submit", "--task", "AP", "--sector", num, "--sector-size", size}).exit_code, 0);
  ASSERT_EQ(cli({"run", "--quiet"}).exit_code, 0);
  ASSERT_EQ(cli({"submit", "--task", "PC1", "--sector", num, "--sector-size", size, "--inputs",
                 "{\"ticket\":\"" + kTicketHex + "\"}"}).exit_code, 0);
  auto ran = cli({"run", "--quiet"});
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  const auto cache = home / "storage" / "cache" / ("s-t01000-" + num);
  ASSERT_TRUE(std::filesystem::exists(cache / "sc-02-data-layer-2.dat"));
  std::filesystem::remove(cache / "sc-02-data-layers.h5");
  std::filesystem::remove(staging::manifest_path(home / "storage", "pc1-s-t01000-" + num));

  // The same sector sealed by `sealadapter seal` on this host: the commitments to expect.
  TempDir local;
  auto seal = run_process({kBin, "seal", "--sector-size", size, "--sector", num, "--ticket", kTicketHex, "--seed", kSeedHex,
                           "--json"},
                          {{"SEALADAPTER_HOME", local.path().string()}, {"SEALADAPTER_SITE", ""}});
  ASSERT_EQ(seal.exit_code, 0) << seal.err;
  const auto sealed = nlohmann::json::parse(seal.out)[0];

  TestMiner miner;
  ServiceProcess service(kBin, home, {{"MINER_API_INFO", miner.api_info()}, {"SEALADAPTER_SITE", (dir / "service.toml").string()},
                                      {"FIL_PROOFS_PARENT_CACHE", parents.string()}});
  ASSERT_FALSE(service.start().empty()) << file_text(service.log());
  ASSERT_TRUE(miner.wait_connected(30)) << file_text(service.log());
  auto run = [&](const std::string& method, const nlohmann::json& params) {
    auto id = miner.call_worker(method, params)["ID"].get<std::string>();
    auto r = miner.wait_return(id, 300);
    EXPECT_EQ(r.size(), 1u) << method << "\n" << file_text(service.log());
    return r.empty() ? TestMiner::Return{} : r[0];
  };

  // A PreCommit1Out as a real lotus-worker returns it: Go's sorted keys (nlohmann's objects sort too).
  nlohmann::json comm_d = nlohmann::json::array();
  for (unsigned char c : bytes_of_hex(sealed["comm_d"]["hex"])) comm_d.push_back(c);
  auto store = [&](const std::string& id, std::uint64_t n) {
    return nlohmann::json{{"id", id}, {"path", cache.string()}, {"rows_to_discard", 0}, {"size", n}};
  };
  const nlohmann::json pc1o = {{"_lotus_SealRandomness", base64_encode(bytes_of_hex(kTicketHex))},
                               {"comm_d", comm_d},
                               {"config", store("tree-d", 2 * nodes - 1)},
                               {"labels", {{"StackedDrg" + size + "V1", {{"_h", nullptr}, {"labels", {store("layer-1", nodes), store("layer-2", nodes)}}}}}},
                               {"registered_proof", proof.name()}};
  auto pc2 = run("SealPreCommit2", {ref(sector), base64_encode(pc1o.dump())});
  ASSERT_TRUE(pc2.params[2].is_null()) << pc2.params.dump();
  EXPECT_EQ(pc2.params[1]["Unsealed"]["/"], sealed["comm_d"]["cid"]);
  EXPECT_EQ(pc2.params[1]["Sealed"]["/"], sealed["comm_r"]["cid"]);

  const nlohmann::json piece = {{"Size", nodes * 32}, {"PieceCID", {{"/", sealed["comm_d"]["cid"]}}}};
  auto c1 = run("SealCommit1", {ref(sector), base64_encode(bytes_of_hex(kTicketHex)), base64_encode(bytes_of_hex(kSeedHex)),
                                nlohmann::json::array({piece}), pc2.params[1]});
  ASSERT_TRUE(c1.params[1].is_string()) << c1.params.dump();
  auto c2 = run("SealCommit2", {ref(sector), c1.params[1]});
  ASSERT_TRUE(c2.params[2].is_null()) << c2.params.dump();
  EXPECT_EQ(base64_decode(c2.params[1].get<std::string>(), "proof"),
            double_proof_bytes(base64_decode(c1.params[1].get<std::string>(), "c1o"), sector, 192));
}

TEST(LotusLinkSlurm, A2KiBPreCommit2FromAnotherWorkersPc1ThenC1AndC2) {
  SA_REQUIRE_CLUSTER();
  pc2_from_another_workers_pc1(params::SealProof{5}, 71);
}
TEST(LotusLinkSlurm, An8MiBPreCommit2FromAnotherWorkersPc1ThenC1AndC2) {
  SA_REQUIRE_CLUSTER();
  pc2_from_another_workers_pc1(params::SealProof{6}, 72);
}

}  // namespace
}  // namespace sa::test
