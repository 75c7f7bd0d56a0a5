// The sealing pipeline end to end with the real sa-job (issue: sealing stages, done-when list): 2KiB and
// 8MiB sectors, CC and with data, 1 and 2 MPI ranks give the same commitments and proofs; unseal returns
// the original bytes; C1's proofs verify; a flipped byte in the replica, a label, a tree or the proofs makes
// proving or verification fail; a corrupted staged file is refused before use.
#include <fstream>
#include <random>
#include <sstream>

#include "base/error.hpp"
#include "integration/pipeline_harness.hpp"
#include "piece/commitment.hpp"
#include "support/file_text.hpp"
#include "vanilla/challenges.hpp"

namespace sa::test {
namespace {

using adapter::TaskState;
using adapter::TaskType;

const std::string kTicket = std::string(62, '3') + "0a";
const std::string kSeed = std::string(60, 'c') + "0b0d";

nlohmann::json file_piece(const std::filesystem::path& p) { return nlohmann::json::array({{{"kind", "file"}, {"path", p.string()}}}); }

std::filesystem::path random_file(const std::filesystem::path& dir, std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string data(n, '\0');
  for (auto& c : data) c = static_cast<char>(rng());
  auto p = dir / ("data-" + std::to_string(seed) + ".bin");
  std::ofstream(p, std::ios::binary) << data;
  return p;
}

void flip_byte(const std::filesystem::path& p, std::uint64_t offset) {
  std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(offset));
  char c = 0;
  f.read(&c, 1);
  c = static_cast<char>(c ^ 0x01);  // a low bit: the node stays a valid field element
  f.seekp(static_cast<std::streamoff>(offset));
  f.write(&c, 1);
}

std::vector<std::uint64_t> challenges_of(const PipelineHarness::Sealed& s, params::SealProof proof) {
  auto rid = kernels::commitment_from_hex(s.pc1["replica_id"].get<std::string>());
  auto seed = kernels::commitment_from_hex(kSeed);
  auto layout = kernels::interactive_challenge_layout(proof.size());
  return kernels::interactive_challenges(rid, seed, params::nodes(proof.size()), layout, 0);
}

TEST(SealPipeline, DataSectorSealsVerifiesFinalizesAndUnsealsTheOriginalBytes) {
  PipelineHarness h(params::SealProof{5});  // 2KiB V1_1
  auto data = random_file(h.root(), 1500, 1);
  auto s = h.seal(7, file_piece(data), kTicket, kSeed);
  EXPECT_TRUE(s.c1.value("verified", false));
  EXPECT_EQ(h.verify(7, s, kTicket, kSeed, s.c1["proofs"])["valid"], true);
  EXPECT_EQ(s.pc1["comm_d"]["cid"], s.ap["comm_d"]["cid"]) << "PC1's tree_d root must equal AddPiece's CommD";
  EXPECT_EQ(s.pc2["comm_r"]["cid"].get<std::string>().rfind("bagboea4b5abc", 0), 0u);

  auto fin = h.run(7, TaskType::Finalize, nlohmann::json::object());
  ASSERT_EQ(fin.state, TaskState::Done) << fin.error;
  EXPECT_TRUE(std::filesystem::exists(h.cache(7) / "p_aux"));
  EXPECT_TRUE(std::filesystem::exists(h.cache(7) / "t_aux"));
  EXPECT_TRUE(std::filesystem::exists(h.cache(7) / "sc-02-data-tree-r-last.dat"));
  EXPECT_FALSE(std::filesystem::exists(h.cache(7) / "sc-02-data-tree-d.dat"));
  EXPECT_FALSE(std::filesystem::exists(h.cache(7) / "sc-02-data-tree-c.dat"));
  EXPECT_FALSE(std::filesystem::exists(h.cache(7) / "sc-02-data-layers.h5"));
  EXPECT_EQ(file_text(h.cache(7) / "p_aux").size(), 64u);

  // Unseal the piece, then the whole sector (which also re-checks CommD).
  auto out = h.root() / "unsealed-piece.bin";
  const auto& piece = s.ap["pieces"][0];
  auto uns = h.run(7, TaskType::Unseal, adapter::unseal_inputs(s.pc1, kTicket, out.string(), piece["offset"], piece["payload_size"]));
  ASSERT_EQ(uns.state, TaskState::Done) << uns.error;
  EXPECT_EQ(file_text(out), file_text(data));
  auto whole = h.root() / "unsealed-all.bin";
  auto uns2 = h.run(7, TaskType::Unseal, adapter::unseal_inputs(s.pc1, kTicket, whole.string(), 0, 0));
  ASSERT_EQ(uns2.state, TaskState::Done) << uns2.error;
  EXPECT_TRUE(h.result(uns2)["comm_d_checked"].get<bool>());
  EXPECT_EQ(file_text(whole).substr(0, 1500), file_text(data));
  EXPECT_EQ(file_text(whole).size(), 2032u);
}

// Same sector, ticket and seed with 1 and 2 ranks: identical commitments and identical proofs.
void expect_rank_independent(params::SealProof proof, bool with_data) {
  PipelineHarness one(proof, 1), two(proof, 2);
  nlohmann::json pieces = nlohmann::json::array();
  if (with_data) pieces = file_piece(random_file(one.root(), 100000, 2));
  auto a = one.seal(3, pieces, kTicket, kSeed);
  auto b = two.seal(3, pieces, kTicket, kSeed);
  EXPECT_EQ(a.pc1["comm_d"], b.pc1["comm_d"]);
  EXPECT_EQ(a.pc2["comm_r"], b.pc2["comm_r"]);
  EXPECT_EQ(a.pc2["comm_c"], b.pc2["comm_c"]);
  EXPECT_EQ(b.pc2["ranks"], 2);
  EXPECT_EQ(b.c1["ranks"], 2);
  EXPECT_EQ(a.c1["checksum"], b.c1["checksum"]) << "the proofs differ with the rank count";
  EXPECT_EQ(file_text(one.sealed(3)), file_text(two.sealed(3)));
  EXPECT_EQ(one.verify(3, a, kTicket, kSeed, a.c1["proofs"])["valid"], true);
}

TEST(SealPipeline, CcSector2KiBIsTheSameWithOneAndTwoRanks) { expect_rank_independent(params::SealProof{5}, false); }
TEST(SealPipeline, DataSector8MiBIsTheSameWithOneAndTwoRanks) { expect_rank_independent(params::SealProof{6}, true); }
TEST(SealPipeline, LegacyV1GraphSealsAndVerifies) {
  PipelineHarness h(params::SealProof{0});  // 2KiB V1: legacy parent order
  auto s = h.seal(4, nlohmann::json::array(), kTicket, kSeed);
  EXPECT_EQ(h.verify(4, s, kTicket, kSeed, s.c1["proofs"])["valid"], true);
}

TEST(SealPipeline, StagingThroughNodeLocalScratchGivesTheSameSector) {
  PipelineHarness direct(params::SealProof{5}), staged(params::SealProof{5});
  auto a = direct.seal(9, nlohmann::json::array(), kTicket, kSeed);
  ASSERT_EQ(staged.run(9, TaskType::AddPiece, {{"pieces", nlohmann::json::array()}}).state, TaskState::Done);
  auto pc1 = staged.run(9, TaskType::PreCommit1, {{"ticket", kTicket}, {"staging", "always"}});
  ASSERT_EQ(pc1.state, TaskState::Done) << pc1.error;
  auto pc2 = staged.run(9, TaskType::PreCommit2, {{"staging", "always"}});
  ASSERT_EQ(pc2.state, TaskState::Done) << pc2.error;
  auto r1 = staged.result(pc1), r2 = staged.result(pc2);
  EXPECT_FALSE(r1["staged_on"].get<std::string>().empty());
  EXPECT_FALSE(r2["staged_on"].get<std::string>().empty());
  EXPECT_FALSE(std::filesystem::exists(r1["staged_on"].get<std::string>())) << "scratch left behind";
  EXPECT_FALSE(std::filesystem::exists(r2["staged_on"].get<std::string>())) << "scratch left behind";
  EXPECT_EQ(r2["comm_r"], a.pc2["comm_r"]);
  EXPECT_EQ(file_text(staged.cache(9) / "sc-02-data-tree-d.dat"), file_text(direct.cache(9) / "sc-02-data-tree-d.dat"));
  EXPECT_TRUE(a.pc2["staged_on"].get<std::string>().empty()) << "auto must not stage within one filesystem";
}

// What rust-fil-proofs' PC1 leaves for Lotus's PC2: the raw layer files, tree-d, and the sealed file holding
// the sector's data; the HDF5 index holds no labels of its own.
TEST(SealPipeline, Pc1LeavesTheCacheLotusPc2Expects) {
  PipelineHarness h(params::SealProof{6});  // 8MiB: 262144 nodes
  ASSERT_EQ(h.run(4, TaskType::AddPiece, {{"pieces", file_piece(random_file(h.root(), 100000, 4))}}).state, TaskState::Done);
  ASSERT_EQ(h.run(4, TaskType::PreCommit1, {{"ticket", kTicket}}).state, TaskState::Done);
  const std::uint64_t n = 262144;
  for (const char* f : {"sc-02-data-layer-1.dat", "sc-02-data-layer-2.dat"}) {
    EXPECT_EQ(std::filesystem::file_size(h.cache(4) / f), n * 32) << f;
  }
  EXPECT_FALSE(std::filesystem::exists(h.cache(4) / "sc-02-data-layer-3.dat"));
  EXPECT_EQ(std::filesystem::file_size(h.cache(4) / "sc-02-data-tree-d.dat"), (2 * n - 1) * 32);
  EXPECT_LT(std::filesystem::file_size(h.cache(4) / "sc-02-data-layers.h5"), 16384u);
  EXPECT_EQ(file_text(h.sealed(4)), file_text(h.unsealed(4)).substr(0, n * 32)) << "the sealed file holds the data";
  // tree-d's leaves are the data; its root (the last node) is comm_d.
  const std::string tree_d = file_text(h.cache(4) / "sc-02-data-tree-d.dat");
  EXPECT_EQ(tree_d.substr(0, n * 32), file_text(h.sealed(4)));
}

TEST(SealPipeline, ACorruptedUnsealedSectorIsRefusedByPc1) {
  PipelineHarness h(params::SealProof{5});
  auto ap = h.run(5, TaskType::AddPiece, {{"pieces", file_piece(random_file(h.root(), 1000, 3))}});
  ASSERT_EQ(ap.state, TaskState::Done);
  flip_byte(h.unsealed(5), 100);
  auto pc1 = h.run(5, TaskType::PreCommit1, {{"ticket", kTicket}});
  EXPECT_EQ(pc1.state, TaskState::Failed);
  EXPECT_NE(pc1.error.find("checksum mismatch"), std::string::npos) << pc1.error;
}

TEST(SealPipeline, ACorruptedLayerIsRefusedByPc2) {
  PipelineHarness h(params::SealProof{6});  // 8MiB
  ASSERT_EQ(h.run(6, TaskType::AddPiece, {{"pieces", nlohmann::json::array()}}).state, TaskState::Done);
  ASSERT_EQ(h.run(6, TaskType::PreCommit1, {{"ticket", kTicket}}).state, TaskState::Done);
  auto layers = h.cache(6) / "sc-02-data-layer-2.dat";  // Lotus's raw labels, the only copy
  flip_byte(layers, std::filesystem::file_size(layers) / 2);
  auto pc2 = h.run(6, TaskType::PreCommit2, nlohmann::json::object());
  EXPECT_EQ(pc2.state, TaskState::Failed);
  EXPECT_NE(pc2.error.find("checksum mismatch"), std::string::npos) << pc2.error;
}

class Tampered : public ::testing::Test {
 protected:
  void SetUp() override {
    s_ = h_.seal(8, nlohmann::json::array(), kTicket, kSeed);
    challenge_ = challenges_of(s_, params::SealProof{5}).front();
  }
  adapter::TaskRecord rerun_c1() { return h_.run(8, TaskType::Commit1, PipelineHarness::c1_inputs(s_, kTicket, kSeed)); }
  PipelineHarness h_{params::SealProof{5}};
  PipelineHarness::Sealed s_;
  std::uint64_t challenge_ = 0;
};

TEST_F(Tampered, AFlippedReplicaByteFailsC1) {
  flip_byte(h_.sealed(8), challenge_ * 32 + 3);
  auto c1 = rerun_c1();
  EXPECT_EQ(c1.state, TaskState::Failed);
  EXPECT_FALSE(c1.error.empty());
}

TEST_F(Tampered, AFlippedLabelFailsC1) {
  // Damage the challenged node's last-layer label in the raw file (PC1's chunk checksums guard PC2; C1 relies
  // on the commitments).
  auto layers = h_.cache(8) / "sc-02-data-layer-2.dat";  // raw labels: node n at byte 32 n
  auto c1_out = nlohmann::json::parse(file_text(s_.c1["proofs"].get<std::string>()));
  const auto& col = c1_out["vanilla_proofs"]["StackedDrg2KiBV1"][0][0]["replica_column_proofs"]["c_x"]["column"];
  const std::uint64_t node = col["index"];
  std::string bytes = file_text(layers);
  for (std::size_t i = 0; i < 32; ++i) ASSERT_EQ(static_cast<std::uint8_t>(bytes[node * 32 + i]), col["rows"][1][i].get<std::uint8_t>());
  flip_byte(layers, node * 32 + 5);
  auto c1 = rerun_c1();
  EXPECT_EQ(c1.state, TaskState::Failed);
  EXPECT_NE(c1.error.find("do not verify"), std::string::npos) << c1.error;
}

TEST_F(Tampered, AFlippedTreeNodeFailsC1) {
  flip_byte(h_.cache(8) / "sc-02-data-tree-c.dat", challenge_ * 32 + 1);  // the challenged column's leaf
  auto c1 = rerun_c1();
  EXPECT_EQ(c1.state, TaskState::Failed);
  EXPECT_FALSE(c1.error.empty());
}

TEST_F(Tampered, AChangedProofOrPublicInputFailsVerification) {
  auto text = file_text(s_.c1["proofs"].get<std::string>());
  auto j = nlohmann::json::parse(text);
  auto& byte = j["vanilla_proofs"]["StackedDrg2KiBV1"][0][1]["replica_column_proofs"]["exp_parents"][3]["column"]["rows"][0][10];
  byte = byte.get<int>() ^ 1;
  auto bad = h_.root() / "bad-proofs.json";
  std::ofstream(bad) << j.dump();
  auto r = h_.verify(8, s_, kTicket, kSeed, bad.string());
  EXPECT_EQ(r["valid"], false);
  EXPECT_FALSE(r["reason"].get<std::string>().empty());
  // The right proofs with another seed (other challenges) do not verify either.
  auto other = h_.verify(8, s_, kTicket, std::string(64, 'e'), s_.c1["proofs"]);
  EXPECT_EQ(other["valid"], false);
  EXPECT_EQ(h_.verify(8, s_, kTicket, kSeed, s_.c1["proofs"])["valid"], true);
}

TEST_F(Tampered, UnsealRefusesACorruptedReplica) {
  flip_byte(h_.sealed(8), 64);
  auto out = h_.root() / "out.bin";
  auto uns = h_.run(8, TaskType::Unseal, adapter::unseal_inputs(s_.pc1, kTicket, out.string(), 0, 0));
  EXPECT_EQ(uns.state, TaskState::Failed);
  EXPECT_NE(uns.error.find("checksum mismatch"), std::string::npos) << uns.error;
}

}  // namespace
}  // namespace sa::test
