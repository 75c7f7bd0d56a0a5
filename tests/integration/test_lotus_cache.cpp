// PC2 over a cache laid out as a real lotus-worker's PC1 leaves it (the .dat layers, tree-d, the sealed
// file holding the data; no index, no checksum manifest of ours): the same comm_r as a sector sealed here
// end to end, then C1 and C2 (the prover test double) on it; a short or missing file is refused by name.
#include <gtest/gtest.h>

#include "filecoin/hex_bytes.hpp"
#include "integration/pipeline_harness.hpp"
#include "prover_double/double_proof.hpp"
#include "publish/checksum_manifest.hpp"
#include "support/file_text.hpp"
#include "support/test_parameters.hpp"

namespace sa::test {
namespace {

using adapter::TaskState;
using adapter::TaskType;

const std::string kTicket(64, '6'), kSeed(64, '8');

// AP and PC1 here, then the cache as Lotus's PC1 leaves it: our index and PC1's checksum manifest removed.
nlohmann::json lotus_pc1(PipelineHarness& h, std::uint64_t sector) {
  EXPECT_EQ(h.run(sector, TaskType::AddPiece, {{"pieces", nlohmann::json::array()}}).state, TaskState::Done);
  auto pc1 = h.run(sector, TaskType::PreCommit1, {{"ticket", kTicket}});
  EXPECT_EQ(pc1.state, TaskState::Done) << pc1.error;
  std::filesystem::remove(h.cache(sector) / "sc-02-data-layers.h5");
  std::filesystem::remove(staging::manifest_path(h.storage(), "pc1-s-t01000-" + std::to_string(sector)));
  return h.result(pc1);
}

void seals_like_here(params::SealProof proof) {
  PipelineHarness here(proof);
  auto want = here.seal(3, nlohmann::json::array(), kTicket, kSeed);

  PipelineHarness h(proof);
  TempDir params;
  write_test_parameters(params.path(), proof.size());
  h.site().parameter_cache = params.path();
  h.site().partitions.at(0).prover = {SA_TEST_PROVER, "{input}", "{output}"};
  auto pc1 = lotus_pc1(h, 3);
  auto pc2 = h.run(3, TaskType::PreCommit2, {{"pc1", "lotus"}});
  ASSERT_EQ(pc2.state, TaskState::Done) << pc2.error;
  EXPECT_EQ(h.result(pc2)["comm_r"], want.pc2["comm_r"]) << proof.name();
  // C1 needs only the files rust-fil-proofs' PC2 writes too: nothing of ours (PC2's checksum manifest) and
  // neither p_aux nor t_aux, whose facts it derives again from the trees.
  std::filesystem::remove(staging::manifest_path(h.storage(), "pc2-s-t01000-3"));
  std::filesystem::remove(h.cache(3) / "p_aux");
  std::filesystem::remove(h.cache(3) / "t_aux");
  auto c1 = h.run(3, TaskType::Commit1, {{"ticket", kTicket}, {"seed", kSeed}, {"comm_d", pc1["comm_d"]["hex"]},
                                          {"comm_r", h.result(pc2)["comm_r"]["hex"]}});
  ASSERT_EQ(c1.state, TaskState::Done) << c1.error;
  const std::string c1_path = h.result(c1)["proofs"];
  EXPECT_EQ(file_text(c1_path), file_text(want.c1["proofs"].get<std::string>())) << "the same Commit1Out";
  auto c2 = h.run(3, TaskType::Commit2, {{"commit1_out", c1_path}});
  ASSERT_EQ(c2.state, TaskState::Done) << c2.error;
  EXPECT_EQ(h.result(c2)["proof"], jobs::filecoin::hex_encode(double_proof_bytes(file_text(c1_path), 3, 192)));
}

TEST(LotusCache, A2KiBSectorFromALotusPc1SealsAsHere) { seals_like_here(params::SealProof{5}); }
TEST(LotusCache, An8MiBSectorFromALotusPc1SealsAsHere) { seals_like_here(params::SealProof{6}); }

TEST(LotusCache, AShortOrMissingFileIsRefusedByName) {
  PipelineHarness h(params::SealProof{5});
  lotus_pc1(h, 4);
  std::filesystem::resize_file(h.cache(4) / "sc-02-data-layer-2.dat", 2048 - 64);
  auto pc2 = h.run(4, TaskType::PreCommit2, {{"pc1", "lotus"}});
  ASSERT_EQ(pc2.state, TaskState::Failed);
  EXPECT_NE(pc2.error.find("sc-02-data-layer-2.dat is 1984 bytes, not 2048"), std::string::npos) << pc2.error;
  std::filesystem::resize_file(h.cache(4) / "sc-02-data-layer-2.dat", 2048);
  std::filesystem::remove(h.sealed(4));
  pc2 = h.run(4, TaskType::PreCommit2, {{"pc1", "lotus"}});
  EXPECT_NE(pc2.error.find("the Lotus cache has no " + h.sealed(4).string()), std::string::npos) << pc2.error;
}

}  // namespace
}  // namespace sa::test
