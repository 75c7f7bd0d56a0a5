// sealadapter as a lotus-worker, against the test miner of test_miner.hpp: registration with every
// handshake call, a 2KiB CC sector through AddPiece -> PC1 -> PC2 -> C1 -> (C2 refused: no prover in the embedded site) -> Finalize with
// each Return* in Lotus's shapes and the commitments of `sealadapter seal`; kill -9 with returns pending
// and jobs running, then every result reaches the miner exactly once; a miner restart is noticed. Deal
// data: AddPiece with "http" and "push" readers gives the piece's CommP and the commitments of
// `sealadapter seal --data`; UnsealPiece after ReleaseUnsealed rebuilds Lotus's partial file; bad data
// (wrong size, unknown stream, bad or unreachable URL) ends in a clear CallError and leaves nothing behind.
#include <gtest/gtest.h>

#include <cstdio>
#include <signal.h>

#include <nlohmann/json.hpp>

#include "field/fr32.hpp"
#include "layout/partial_file.hpp"
#include "lotus/lotus_json.hpp"
#include "service/test_miner.hpp"
#include "support/run_process.hpp"
#include "support/service_process.hpp"
#include "support/temp_dir.hpp"

namespace sa {
namespace {

using adapter::lotus::base64_decode;
using adapter::lotus::base64_encode;

const std::string kBin = std::string(SA_BINARY_DIR) + "/bin/sealadapter";
const std::string kZeroPiece2K = "baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy";

std::string bytes32(int start) {
  std::string b;
  for (int i = 0; i < 32; ++i) b.push_back(static_cast<char>(start + i));
  return b;
}
std::string hex(const std::string& b) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (unsigned char c : b) {
    out += d[c >> 4];
    out += d[c & 15];
  }
  return out;
}
nlohmann::json ref(std::uint64_t number) { return {{"ID", {{"Miner", 1000}, {"Number", number}}}, {"ProofType", 5}}; }

class LotusWorker : public ::testing::Test {
 protected:
  void start_service() {
    ASSERT_FALSE(service_.start().empty()) << test::file_text(service_.log());
  }
  // A call whose return must arrive: the single Return* for its CallID.
  test::TestMiner::Return run(const std::string& method, const nlohmann::json& params, double seconds = 120) {
    nlohmann::json call_id = miner_.call_worker(method, params);
    EXPECT_EQ(call_id["Sector"]["Number"], params[0]["ID"]["Number"]);
    auto r = miner_.wait_return(call_id["ID"].get<std::string>(), seconds);
    EXPECT_EQ(r.size(), 1u) << method << "\n" << test::file_text(service_.log());
    if (r.empty()) return {};
    EXPECT_EQ(r[0].params[0], call_id);
    return r[0];
  }

  std::filesystem::path unsealed(std::uint64_t number) const { return home_ / "storage" / "unsealed" / ("s-t01000-" + std::to_string(number)); }
  test::ProcessResult cli(const std::vector<std::string>& args, const std::filesystem::path& home) {
    std::vector<std::string> argv = {kBin};
    argv.insert(argv.end(), args.begin(), args.end());
    return test::run_process(argv, {{"SEALADAPTER_HOME", home.string()}, {"SEALADAPTER_SITE", ""}});
  }

  test::TempDir home_;
  test::TestMiner miner_;
  test::ServiceProcess service_{kBin, home_.path(), {{"MINER_API_INFO", miner_.api_info()}, {"SEALADAPTER_PUSH_WAIT_SECONDS", "15"}}};
};

// 2032 bytes (a whole 2KiB sector's piece) that are not all zeros, and a file holding them.
std::string deal_bytes() {
  std::string b(2032, '\0');
  std::uint32_t x = 12345;
  for (auto& c : b) {
    x = x * 1103515245u + 12345u;
    c = static_cast<char>(x >> 16);
  }
  return b;
}

// Serves deal data over HTTP, as a market node or a piece store would.
class DataServer {
 public:
  explicit DataServer(const std::string& bytes) {
    server_.Get("/deal.car", [bytes](const httplib::Request&, httplib::Response& res) { res.set_content(bytes, "application/octet-stream"); });
    server_.Get("/short.car", [bytes](const httplib::Request&, httplib::Response& res) {
      res.set_content(bytes.substr(0, 2000), "application/octet-stream");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~DataServer() {
    server_.stop();
    thread_.join();
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

// The unpadded bytes of a 2KiB sector's unsealed partial file.
std::string unsealed_data(const std::filesystem::path& path) {
  std::string padded = test::file_text(path).substr(0, 2048), raw(2032, '\0');
  kernels::fr32_unpad_quads(reinterpret_cast<const std::uint8_t*>(padded.data()), reinterpret_cast<std::uint8_t*>(raw.data()), 16);
  return raw;
}

TEST_F(LotusWorker, RegistersAndSealsA2KiBSectorWithLotusShapes) {
  start_service();
  ASSERT_TRUE(miner_.wait_connected(30)) << test::file_text(service_.log());
  auto w = miner_.worker_info();
  EXPECT_EQ(w["version"], 67328);
  EXPECT_NE(w["session"], "00000000-0000-0000-0000-000000000000");
  EXPECT_GT(w["info"]["Resources"]["CPUs"].get<int>(), 0);
  EXPECT_GT(w["info"]["Resources"]["MemPhysical"].get<std::uint64_t>(), 0u);
  EXPECT_EQ(w["info"]["Resources"]["Resources"]["seal/v0/precommit/1"]["8"]["MinMemory"], 60129542144ull);
  EXPECT_TRUE(w["task_types"].contains("seal/v0/addpiece"));
  EXPECT_TRUE(w["task_types"].contains("seal/v0/precommit/2"));
  EXPECT_FALSE(w["task_types"].contains("seal/v0/commit/2"));
  ASSERT_EQ(w["paths"].size(), 1u);
  ASSERT_EQ(miner_.attached().size(), 1u);
  EXPECT_EQ(miner_.attached()[0][0]["ID"], w["paths"][0]["ID"]);
  // The id is the storage path's own, in Lotus's sectorstore.json, so the miner can attach the same path.
  auto meta = nlohmann::json::parse(test::file_text(home_ / "storage" / "sectorstore.json"));
  EXPECT_EQ(meta["ID"], w["paths"][0]["ID"]);

  const std::string ticket = bytes32(1), seed = bytes32(100);
  auto ap = run("AddPiece", {ref(7), nlohmann::json::array(), 2032, {{"Type", "null"}, {"Info", "2032"}}});
  EXPECT_EQ(ap.method, "ReturnAddPiece");
  EXPECT_EQ(ap.params[1], (nlohmann::json{{"Size", 2048}, {"PieceCID", {{"/", kZeroPiece2K}}}}));
  EXPECT_TRUE(ap.params[2].is_null());

  auto pc1 = run("SealPreCommit1", {ref(7), base64_encode(ticket), nlohmann::json::array({ap.params[1]})});
  ASSERT_EQ(pc1.method, "ReturnSealPreCommit1");
  ASSERT_TRUE(pc1.params[1].is_string()) << pc1.params.dump();
  const std::string pc1_text = base64_decode(pc1.params[1].get<std::string>(), "pc1o");
  auto pc1out = nlohmann::json::parse(pc1_text);
  // Filecoin's SealPreCommitPhase1Output as a real lotus-worker returns it: Go-sorted keys, the ticket added.
  EXPECT_EQ(pc1_text.rfind("{\"_lotus_SealRandomness\":", 0), 0u) << pc1_text;
  EXPECT_EQ(pc1out["_lotus_SealRandomness"], base64_encode(ticket));
  EXPECT_EQ(pc1out["registered_proof"], "StackedDrg2KiBV1_1");
  EXPECT_EQ(pc1out["config"], (nlohmann::json{{"id", "tree-d"}, {"path", (home_ / "storage" / "cache" / "s-t01000-7").string()},
                                              {"rows_to_discard", 0}, {"size", 127}}));
  ASSERT_EQ(pc1out["labels"]["StackedDrg2KiBV1"]["labels"].size(), 2u);
  EXPECT_EQ(pc1out["labels"]["StackedDrg2KiBV1"]["labels"][1]["id"], "layer-2");
  EXPECT_EQ(pc1out["labels"]["StackedDrg2KiBV1"]["labels"][1]["size"], 64);
  EXPECT_TRUE(pc1out["labels"]["StackedDrg2KiBV1"]["_h"].is_null());
  // Refused before a task exists: another sector's document, a label missing, a truncated one.
  EXPECT_THROW(miner_.call_worker("SealPreCommit2", {ref(8), pc1.params[1]}), std::runtime_error);
  {
    auto broken = pc1out;
    broken["labels"]["StackedDrg2KiBV1"]["labels"].erase(1);
    EXPECT_THROW(miner_.call_worker("SealPreCommit2", {ref(7), base64_encode(broken.dump())}), std::runtime_error);
    EXPECT_THROW(miner_.call_worker("SealPreCommit2", {ref(7), base64_encode(pc1_text.substr(0, 100))}), std::runtime_error);
  }

  auto pc2 = run("SealPreCommit2", {ref(7), pc1.params[1]});
  ASSERT_EQ(pc2.method, "ReturnSealPreCommit2");
  const auto cids = pc2.params[1];
  EXPECT_EQ(cids["Unsealed"]["/"], kZeroPiece2K);  // a CC sector's CommD is its one zero piece
  EXPECT_EQ(cids["Sealed"]["/"].get<std::string>().rfind("bagboea4b5abc", 0), 0u) << cids.dump();

  // The same sector sealed by `sealadapter seal` (another home, same miner, number, ticket) agrees.
  test::TempDir other;
  auto seal = test::run_process({kBin, "seal", "--sector-size", "2KiB", "--miner", "1000", "--sector", "7", "--ticket",
                                 hex(ticket), "--seed", hex(seed), "--json"},
                                {{"SEALADAPTER_HOME", other.path().string()}, {"SEALADAPTER_SITE", ""}});
  ASSERT_EQ(seal.exit_code, 0) << seal.err;
  auto sealed = nlohmann::json::parse(seal.out)[0];
  EXPECT_EQ(sealed["comm_d"]["cid"], cids["Unsealed"]["/"]);
  EXPECT_EQ(sealed["comm_r"]["cid"], cids["Sealed"]["/"]);

  auto c1 = run("SealCommit1", {ref(7), base64_encode(ticket), base64_encode(seed), nlohmann::json::array({ap.params[1]}), cids});
  ASSERT_EQ(c1.method, "ReturnSealCommit1");
  ASSERT_TRUE(c1.params[2].is_null()) << c1.params[2].dump();
  auto c1out = nlohmann::json::parse(base64_decode(c1.params[1].get<std::string>(), "c1o"));
  // Filecoin's SealCommitPhase1Output: the proof name, proofs keyed by shape, 32-byte values as arrays.
  EXPECT_EQ(c1out["registered_proof"], "StackedDrg2KiBV1_1");
  ASSERT_EQ(c1out["vanilla_proofs"]["StackedDrg2KiBV1"].size(), 1u) << "one partition";
  EXPECT_EQ(c1out["vanilla_proofs"]["StackedDrg2KiBV1"][0].size(), 2u) << "two challenges";
  ASSERT_EQ(c1out["comm_r"].size(), 32u);
  std::string comm_r_hex;
  for (const auto& b : c1out["comm_r"]) {
    char h[3];
    std::snprintf(h, sizeof h, "%02x", b.get<unsigned>());
    comm_r_hex += h;
  }
  EXPECT_EQ(comm_r_hex, sealed["comm_r"]["hex"]);

  auto c2 = run("SealCommit2", {ref(7), c1.params[1]});
  EXPECT_EQ(c2.method, "ReturnSealCommit2");
  EXPECT_TRUE(c2.params[1].is_null());
  EXPECT_EQ(c2.params[2]["Code"], 0);  // permanent: no partition of the embedded site has a prover

  auto fin = run("FinalizeSector", nlohmann::json::array({ref(7)}));
  EXPECT_EQ(fin.method, "ReturnFinalizeSector");
  EXPECT_EQ(fin.params.size(), 2u);
  EXPECT_TRUE(fin.params[1].is_null());

  std::set<int> declared;
  for (const auto& d : miner_.declared()) {
    if (d[1]["Number"] == 7) declared.insert(d[2].get<int>());
  }
  EXPECT_EQ(declared, (std::set<int>{1, 2, 4}));
  for (const auto& [id, list] : miner_.all_returns()) EXPECT_EQ(list.size(), 1u) << id;
}

TEST_F(LotusWorker, MalformedMinerCallsAreRefusedAtOnce) {
  start_service();
  ASSERT_TRUE(miner_.wait_connected(30));
  EXPECT_THROW(miner_.call_worker("AddPiece", {ref(1), nlohmann::json::array(), 2032, {{"Type", "push"}, {"Info", "x"}}}),
               std::runtime_error);
  EXPECT_THROW(miner_.call_worker("SealPreCommit1", {ref(1), "not base64!", nlohmann::json::array()}), std::runtime_error);
  EXPECT_THROW(miner_.call_worker("SealPreCommit2", {ref(1), base64_encode("{}")}), std::runtime_error);
  nlohmann::json synthetic = ref(1);
  synthetic["ProofType"] = 10;  // StackedDrg2KiBV1_1_Feat_SyntheticPoRep: its C1 is not served here
  EXPECT_THROW(miner_.call_worker("SealPreCommit1", {synthetic, base64_encode(bytes32(1)), nlohmann::json::array()}),
               std::runtime_error);
  EXPECT_THROW(miner_.call_worker("AddPiece", nlohmann::json::array({{{"ID", {{"Miner", 1}, {"Number", 1}}}, {"ProofType", 99}}})), std::runtime_error);
  auto r = test::run_process({kBin, "status", "--json"}, {{"SEALADAPTER_HOME", home_.path().string()}, {"SEALADAPTER_SITE", ""}});
  EXPECT_EQ(nlohmann::json::parse(r.out).size(), 0u) << r.out;
}

TEST_F(LotusWorker, KillNineWithReturnsPendingAndJobsRunningThenEachResultArrivesOnce) {
  miner_.refuse_returns(true);
  start_service();
  ASSERT_TRUE(miner_.wait_connected(30));
  std::vector<std::string> calls;
  for (int n : {1, 2}) {
    calls.push_back(miner_.call_worker("AddPiece", {ref(n), nlohmann::json::array(), 2032, {{"Type", "null"}, {"Info", "2032"}}})["ID"]);
  }
  // Both AddPieces finish while the miner refuses their returns.
  auto done = [&] {
    auto r = test::run_process({kBin, "status", "--json", "--state", "done"},
                               {{"SEALADAPTER_HOME", home_.path().string()}, {"SEALADAPTER_SITE", ""}});
    return r.exit_code == 0 ? nlohmann::json::parse(r.out).size() : 0u;
  };
  for (int i = 0; i < 300 && done() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_EQ(done(), 2u);
  std::this_thread::sleep_for(std::chrono::seconds(1));  // the outbox has tried (and been refused)
  nlohmann::json piece = {{"Size", 2048}, {"PieceCID", {{"/", kZeroPiece2K}}}};
  calls.push_back(miner_.call_worker("SealPreCommit1", {ref(1), base64_encode(bytes32(9)), nlohmann::json::array({piece})})["ID"]);
  service_.kill(SIGKILL);  // PC1's job is queued or running; two returns are pending

  miner_.refuse_returns(false);
  miner_.restart_session();  // the miner restarted meanwhile, too
  start_service();
  for (const auto& id : calls) {
    auto r = miner_.wait_return(id, 120);
    ASSERT_EQ(r.size(), 1u) << id << "\n" << test::file_text(service_.log());
    EXPECT_TRUE(r[0].params.back().is_null()) << r[0].params.dump();
  }
  std::this_thread::sleep_for(std::chrono::seconds(3));  // nothing is sent twice later either
  auto all = miner_.all_returns();
  EXPECT_EQ(all.size(), calls.size());
  for (const auto& [id, list] : all) EXPECT_EQ(list.size(), 1u) << id;
  EXPECT_GE(miner_.connects(), 2);
}

// The miner takes a return but its answer is lost; then the service is killed and started again. The
// return is in doubt, so the service asks WorkerJobs before sending it again: the miner no longer waits for
// it, so it is never sent twice.
TEST_F(LotusWorker, AReturnWhoseAnswerWasLostIsNotSentAgainEvenAfterKillNine) {
  start_service();
  ASSERT_TRUE(miner_.wait_connected(30));
  miner_.lose_answers(true);
  std::string id = miner_.call_worker("AddPiece", {ref(3), nlohmann::json::array(), 2032, {{"Type", "null"}, {"Info", "2032"}}})["ID"];
  ASSERT_EQ(miner_.wait_return(id, 120).size(), 1u) << test::file_text(service_.log());
  miner_.lose_answers(false);
  service_.kill(SIGKILL);  // the outbox still holds the return, with one send begun
  start_service();
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (test::file_text(service_.log()).find("already-returned") == std::string::npos && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_NE(test::file_text(service_.log()).find("already-returned"), std::string::npos) << test::file_text(service_.log());
  std::this_thread::sleep_for(std::chrono::seconds(2));
  EXPECT_EQ(miner_.returns_for(id).size(), 1u);
  // A call the miner still waits for is sent as usual after a lost send (the refused returns of the test
  // above take that path).
}

// The sector-file server declared to the miner (StorageAttach URLs): files with Range, the cache folder as
// a tar of its files, FsStat; admin only; nothing outside the sector layout can be named.
TEST_F(LotusWorker, RemoteServesSectorFilesToTheMiner) {
  start_service();
  ASSERT_TRUE(miner_.wait_connected(30));
  run("AddPiece", {ref(5), nlohmann::json::array(), 2032, {{"Type", "null"}, {"Info", "2032"}}});
  nlohmann::json piece = {{"Size", 2048}, {"PieceCID", {{"/", kZeroPiece2K}}}};
  run("SealPreCommit1", {ref(5), base64_encode(bytes32(9)), nlohmann::json::array({piece})});

  const std::string url = miner_.attached().at(0).at(0).at("URLs").at(0);  // http://127.0.0.1:<port>/remote
  const std::string storage_id = miner_.attached()[0][0]["ID"];
  auto rest = url.substr(url.find("://") + 3);
  httplib::Client cli(rest.substr(0, rest.find(':')), std::stoi(rest.substr(rest.find(':') + 1)));
  const httplib::Headers admin = {{"Authorization", std::string("Bearer ") + test::TestMiner::kToken}};
  const auto storage = home_ / "storage";

  auto res = cli.Get("/remote/unsealed/s-t01000-5", admin);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->body, test::file_text(storage / "unsealed" / "s-t01000-5"));
  httplib::Headers ranged = admin;
  ranged.emplace("Range", "bytes=100-199");
  auto part = cli.Get("/remote/unsealed/s-t01000-5", ranged);
  ASSERT_TRUE(part);
  EXPECT_EQ(part->status, 206);
  EXPECT_EQ(part->body, res->body.substr(100, 100));

  // The cache folder as ustar: every file of the folder, with its bytes.
  auto tar = cli.Get("/remote/cache/s-t01000-5", admin);
  ASSERT_TRUE(tar);
  ASSERT_EQ(tar->status, 200);
  EXPECT_EQ(tar->get_header_value("Content-Type"), "application/x-tar");
  std::map<std::string, std::string> files;
  for (std::size_t at = 0; at + 512 <= tar->body.size() && tar->body[at] != '\0';) {
    std::string name = tar->body.substr(at, 100).c_str();
    std::size_t size = std::stoull(tar->body.substr(at + 124, 12).c_str(), nullptr, 8);
    EXPECT_EQ(tar->body.substr(at + 257, 5), "ustar");
    files[name] = tar->body.substr(at + 512, size);
    at += 512 + (size + 511) / 512 * 512;
  }
  std::size_t on_disk = 0;
  for (const auto& e : std::filesystem::directory_iterator(storage / "cache" / "s-t01000-5")) {
    if (!e.is_regular_file()) continue;
    ++on_disk;
    EXPECT_EQ(files[e.path().filename().string()], test::file_text(e.path())) << e.path();
  }
  EXPECT_GT(on_disk, 1u);
  EXPECT_EQ(files.size(), on_disk);

  auto stat = cli.Get("/remote/stat/" + storage_id, admin);
  ASSERT_TRUE(stat);
  ASSERT_EQ(stat->status, 200);
  EXPECT_GT(nlohmann::json::parse(stat->body)["Capacity"].get<std::uint64_t>(), 0u);
  EXPECT_EQ(cli.Get("/remote/stat/another-storage", admin)->status, 404);

  // No token, a read token: 401. Names outside the layout: no route (404), nothing read.
  EXPECT_EQ(cli.Get("/remote/unsealed/s-t01000-5")->status, 401);
  auto read = test::run_process({kBin, "auth", "create-token", "--perm", "read"},
                                {{"SEALADAPTER_HOME", home_.path().string()}, {"SEALADAPTER_SITE", ""}});
  ASSERT_EQ(read.exit_code, 0) << read.err;
  std::string token = read.out.substr(0, read.out.find_last_not_of("\n") + 1);
  EXPECT_EQ(cli.Get("/remote/unsealed/s-t01000-5", {{"Authorization", "Bearer " + token}})->status, 401);
  EXPECT_EQ(cli.Get("/remote/unsealed/..%2F..%2Fsa.db", admin)->status, 404);
  EXPECT_EQ(cli.Get("/remote/keys/s-t01000-5", admin)->status, 404);
  EXPECT_EQ(cli.Get("/remote/sealed/s-t01000-77", admin)->status, 404);

  // Allocated ranges of the unsealed partial file (unpadded offsets and sizes): a half-filled sector.
  run("AddPiece", {ref(6), nlohmann::json::array(), 1016, {{"Type", "null"}, {"Info", "1016"}}});
  EXPECT_EQ(cli.Get("/remote/unsealed/s-t01000-6/5/allocated/0/1016", admin)->status, 200);
  EXPECT_EQ(cli.Get("/remote/unsealed/s-t01000-6/5/allocated/0/2032", admin)->status, 416);
  EXPECT_EQ(cli.Get("/remote/unsealed/s-t01000-6/5/allocated/1016/1016", admin)->status, 416);
  EXPECT_EQ(cli.Get("/remote/unsealed/s-t01000-5/5/allocated/0/2032", admin)->status, 200);
  EXPECT_EQ(cli.Get("/remote/sealed/s-t01000-5/5/allocated/0/2032", admin)->status, 400);
  EXPECT_EQ(cli.Get("/remote/unsealed/s-t01000-5/99/allocated/0/2032", admin)->status, 400);

  // A body on a route that takes none is refused before it is read (413), not buffered and then judged.
  httplib::Request big;
  big.method = "DELETE";
  big.path = "/remote/sealed/s-t01000-99";
  big.headers = admin;
  big.body = std::string(5u << 20, 'x');  // past the 4 MiB a request may carry
  big.set_header("Content-Type", "application/octet-stream");
  // The server answers 413 and closes while the client may still be sending, so the client sees the 413
  // or a cut connection; without the limit the body would be read and the route answer 404.
  auto refused = cli.send(big);
  if (refused) EXPECT_EQ(refused->status, 413);
  EXPECT_EQ(cli.Get("/remote/stat/" + storage_id, admin)->status, 200) << "the service lives on";

  auto del = cli.Delete("/remote/unsealed/s-t01000-5", admin);
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 200);
  EXPECT_FALSE(std::filesystem::exists(storage / "unsealed" / "s-t01000-5"));
}

TEST_F(LotusWorker, HttpDealDataSealsAsSealadapterSealAndUnsealPieceRebuildsThePartialFile) {
  const std::string bytes = deal_bytes();
  DataServer data(bytes);
  test::TempDir other;
  std::ofstream(other / "deal.car", std::ios::binary) << bytes;
  auto commp = cli({"commp", (other / "deal.car").string(), "--json"}, other.path());
  ASSERT_EQ(commp.exit_code, 0) << commp.err;
  const std::string piece_cid = nlohmann::json::parse(commp.out)["piece_cid"];

  start_service();
  ASSERT_TRUE(miner_.wait_connected(30)) << test::file_text(service_.log());
  EXPECT_TRUE(miner_.worker_info()["task_types"].contains("seal/v0/unseal"));
  auto ap = run("AddPiece", {ref(11), nlohmann::json::array(), 2032, {{"Type", "http"}, {"Info", data.url("/deal.car")}}});
  ASSERT_EQ(ap.method, "ReturnAddPiece");
  ASSERT_TRUE(ap.params[2].is_null()) << ap.params.dump();
  EXPECT_EQ(ap.params[1], (nlohmann::json{{"Size", 2048}, {"PieceCID", {{"/", piece_cid}}}}));
  // Lotus's partial file: the padded piece, all of it allocated in the trailer; the staged download is gone.
  EXPECT_EQ(staging::read_partial_file_allocated(unsealed(11), 2048), (std::vector<staging::ByteRange>{{0, 2048}}));
  EXPECT_EQ(unsealed_data(unsealed(11)), bytes);
  EXPECT_FALSE(std::filesystem::exists(home_ / "storage" / "piece" / "s-t01000-11-at-0"));

  const std::string ticket = bytes32(7);
  auto pc1 = run("SealPreCommit1", {ref(11), base64_encode(ticket), nlohmann::json::array({ap.params[1]})});
  ASSERT_TRUE(pc1.params[1].is_string()) << pc1.params.dump();
  auto pc2 = run("SealPreCommit2", {ref(11), pc1.params[1]});
  ASSERT_TRUE(pc2.params[2].is_null()) << pc2.params.dump();
  auto seal = cli({"seal", "--sector-size", "2KiB", "--miner", "1000", "--sector", "11", "--ticket", hex(ticket), "--data",
                   (other / "deal.car").string(), "--json"},
                  other.path());
  ASSERT_EQ(seal.exit_code, 0) << seal.err;
  auto sealed = nlohmann::json::parse(seal.out)[0];
  EXPECT_EQ(pc2.params[1]["Unsealed"]["/"], sealed["comm_d"]["cid"]);
  EXPECT_EQ(pc2.params[1]["Sealed"]["/"], sealed["comm_r"]["cid"]);
  const nlohmann::json comm_d = pc2.params[1]["Unsealed"];

  auto rel = run("ReleaseUnsealed", {ref(11), nlohmann::json::array()});
  EXPECT_TRUE(rel.params.back().is_null());
  EXPECT_FALSE(std::filesystem::exists(unsealed(11)));

  // A wrong CommD is caught before anything is written (the decoded sector's tree_d root differs).
  auto bad = run("UnsealPiece", {ref(11), 0, 2032, base64_encode(ticket), {{"/", kZeroPiece2K}}}, 300);
  ASSERT_EQ(bad.method, "ReturnUnsealPiece");
  ASSERT_EQ(bad.params.size(), 2u);
  ASSERT_TRUE(bad.params[1].is_object()) << bad.params.dump();
  EXPECT_EQ(bad.params[1]["Code"], 0);
  EXPECT_NE(bad.params[1]["Message"].get<std::string>().find("CommD"), std::string::npos) << bad.params.dump();
  EXPECT_FALSE(std::filesystem::exists(unsealed(11)));

  auto uns = run("UnsealPiece", {ref(11), 0, 2032, base64_encode(ticket), comm_d}, 300);
  ASSERT_EQ(uns.method, "ReturnUnsealPiece");
  ASSERT_EQ(uns.params.size(), 2u);
  EXPECT_TRUE(uns.params[1].is_null()) << uns.params.dump() << "\n" << test::file_text(service_.log());
  EXPECT_EQ(staging::read_partial_file_allocated(unsealed(11), 2048), (std::vector<staging::ByteRange>{{0, 2048}}));
  EXPECT_EQ(unsealed_data(unsealed(11)), bytes);
  std::set<int> declared;
  for (const auto& d : miner_.declared()) {
    if (d[1]["Number"] == 11) declared.insert(d[2].get<int>());
  }
  EXPECT_TRUE(declared.count(1));
  for (const auto& [id, list] : miner_.all_returns()) EXPECT_EQ(list.size(), 1u) << id;
}

TEST_F(LotusWorker, PushedDealDataIsStoredDurablyAndBecomesThePiece) {
  const std::string bytes = deal_bytes();
  test::TempDir other;
  std::ofstream(other / "deal.car", std::ios::binary) << bytes;
  auto commp = cli({"commp", (other / "deal.car").string(), "--json"}, other.path());
  ASSERT_EQ(commp.exit_code, 0) << commp.err;

  start_service();
  ASSERT_TRUE(miner_.wait_connected(30));
  const std::string stream = "0b7c6a52-7f4e-4c0a-9d3e-2a1b5c8d9e0f";
  // The call comes first; the bytes follow a moment later (HEAD, then POST), as the miner's encoder sends them.
  auto call_id = miner_.call_worker("AddPiece", {ref(12), nlohmann::json::array(), 2032, {{"Type", "push"}, {"Info", stream}}});
  std::this_thread::sleep_for(std::chrono::seconds(1));
  EXPECT_EQ(miner_.push(stream, bytes, "not-a-valid-token"), 401) << "a token that is sent must be valid";
  EXPECT_EQ(miner_.push(stream, bytes), 200) << "no token, as Lotus's push encoder sends";
  auto r = miner_.wait_return(call_id["ID"].get<std::string>(), 120);
  ASSERT_EQ(r.size(), 1u) << test::file_text(service_.log());
  ASSERT_TRUE(r[0].params[2].is_null()) << r[0].params.dump();
  EXPECT_EQ(r[0].params[1]["PieceCID"]["/"], nlohmann::json::parse(commp.out)["piece_cid"]);
  EXPECT_EQ(staging::read_partial_file_allocated(unsealed(12), 2048), (std::vector<staging::ByteRange>{{0, 2048}}));
  EXPECT_EQ(unsealed_data(unsealed(12)), bytes);
  // Nothing of the stream is left in the piece folder.
  for (const auto& e : std::filesystem::directory_iterator(home_ / "storage" / "piece")) ADD_FAILURE() << e.path();
}

TEST_F(LotusWorker, PushedDataAndWaitingCallsSurviveAKillNine) {
  const std::string bytes = deal_bytes();
  start_service();
  ASSERT_TRUE(miner_.wait_connected(30));
  const std::string early = "1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d", late = "2b3c4d5e-6f7a-4b2c-9d3e-4f5a6b7c8d9e";
  EXPECT_EQ(miner_.push(early, bytes), 200);  // acknowledged: it must survive what follows
  auto waiting = miner_.call_worker("AddPiece", {ref(31), nlohmann::json::array(), 2032, {{"Type", "push"}, {"Info", late}}});
  service_.kill(SIGKILL);
  start_service();
  for (int i = 0; i < 300 && miner_.connects() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_GE(miner_.connects(), 2);
  auto after = miner_.call_worker("AddPiece", {ref(32), nlohmann::json::array(), 2032, {{"Type", "push"}, {"Info", early}}});
  EXPECT_EQ(miner_.push(late, bytes), 200);
  for (const auto& id : {waiting["ID"].get<std::string>(), after["ID"].get<std::string>()}) {
    auto r = miner_.wait_return(id, 120);
    ASSERT_EQ(r.size(), 1u) << test::file_text(service_.log());
    EXPECT_TRUE(r[0].params[2].is_null()) << r[0].params.dump();
  }
  EXPECT_EQ(unsealed_data(unsealed(31)), bytes);
  EXPECT_EQ(unsealed_data(unsealed(32)), bytes);
}

TEST_F(LotusWorker, BadDealDataEndsWithAClearCallErrorAndLeavesNothing) {
  const std::string bytes = deal_bytes();
  DataServer data(bytes);
  start_service();
  ASSERT_TRUE(miner_.wait_connected(30));
  auto data_call = [&](std::uint64_t n, const std::string& type, const std::string& info) {
    return miner_.call_worker("AddPiece", {ref(n), nlohmann::json::array(), 2032, {{"Type", type}, {"Info", info}}})["ID"].get<std::string>();
  };
  struct Case {
    std::string id;
    int code;
    std::string says;
  };
  std::vector<Case> cases = {
      {data_call(21, "http", data.url("/short.car")), 0, "has 2000 bytes, not the piece size 2032"},
      {data_call(22, "http", "ftp://127.0.0.1/deal.car"), 0, "bad data URL"},
      {data_call(23, "http", data.url("/missing.car")), 0, "HTTP 404"},
      {data_call(24, "http", "http://127.0.0.1:1/deal.car"), 100, "GET http://127.0.0.1:1/deal.car"},  // unreachable: temporary
      {data_call(25, "push", "6f1d2c3b-0a9e-4f8d-8c7b-6a5e4d3c2b1a"), 0, "no data was pushed"},
  };
  // A push with the wrong number of bytes is refused when it is staged.
  const std::string short_stream = "7e2d1c0b-9a8f-4e7d-9c6b-5a4f3e2d1c0b";
  cases.push_back({data_call(26, "push", short_stream), 0, "sent 100 bytes, not the piece size 2032"});
  EXPECT_EQ(miner_.push(short_stream, bytes.substr(0, 100)), 200);
  for (const auto& c : cases) {
    auto r = miner_.wait_return(c.id, 120);
    ASSERT_EQ(r.size(), 1u) << c.says << "\n" << test::file_text(service_.log());
    EXPECT_EQ(r[0].method, "ReturnAddPiece");
    EXPECT_TRUE(r[0].params[1].is_null());
    ASSERT_TRUE(r[0].params[2].is_object()) << r[0].params.dump();
    EXPECT_EQ(r[0].params[2]["Code"], c.code) << r[0].params.dump();
    EXPECT_NE(r[0].params[2]["Message"].get<std::string>().find(c.says), std::string::npos) << r[0].params.dump();
  }
  // No task was made, no unsealed file written, no staged data left.
  auto st = cli({"status", "--json"}, home_.path());
  EXPECT_EQ(nlohmann::json::parse(st.out).size(), 0u) << st.out;
  for (std::uint64_t n = 21; n <= 26; ++n) EXPECT_FALSE(std::filesystem::exists(unsealed(n))) << n;
  for (const auto& e : std::filesystem::directory_iterator(home_ / "storage" / "piece")) ADD_FAILURE() << e.path();
  // A stream id that is not a UUID, or a reader of another type, is refused at once.
  EXPECT_THROW(data_call(27, "push", "../../etc/passwd"), std::runtime_error);
  EXPECT_THROW(data_call(27, "file", "/etc/passwd"), std::runtime_error);
}

}  // namespace
}  // namespace sa
