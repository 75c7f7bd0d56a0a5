// Through the real local Slurm cluster: AP and PC1 here, then the cache as a real lotus-worker's PC1 leaves
// it (our index and checksum manifest removed), PC2 from it ({"pc1": "lotus"}), C1, and C2 on the gpu
// partition with the prover test double; the comm_r is `sealadapter seal`'s for the same sector.
#include "cluster/engine_cluster.hpp"
#include "filecoin/hex_bytes.hpp"
#include "prover_double/double_proof.hpp"
#include "publish/checksum_manifest.hpp"
#include "support/test_parameters.hpp"

namespace sa::test {
namespace {

using adapter::TaskState;
using adapter::TaskType;

const std::string kSeed(64, 'c');

std::int64_t done(EngineCluster& c, adapter::Engine& e, std::int64_t task) {
  EXPECT_TRUE(c.run_until_ended(e, task, 180));
  EXPECT_EQ(c.store().task(task)->state, TaskState::Done) << c.store().task(task)->error;
  return task;
}

void lotus_cache_through_slurm(params::SealProof proof, std::uint64_t sector) {
  SA_REQUIRE_CLUSTER();
  EngineCluster c;
  TempDir params;
  write_test_parameters(params.path(), proof.size());
  c.site().parameter_cache = params.path();
  c.site().partitions.at(1).prover = {SA_TEST_PROVER, "{input}", "{output}"};  // gpu
  auto e = c.engine();
  auto pc1 = done(c, e, pc1_after_ap(c, e, sector, proof));
  const auto pc1_out = *c.store().result_of(pc1);
  const auto cache = c.site().storage_dir / "cache" / ("s-t01000-" + std::to_string(sector));
  std::filesystem::remove(cache / "sc-02-data-layers.h5");
  std::filesystem::remove(staging::manifest_path(c.site().storage_dir, "pc1-s-t01000-" + std::to_string(sector)));

  auto pc2 = done(c, e, c.submit(sector, TaskType::PreCommit2, {{"pc1", "lotus"}}, proof));
  const auto pc2_out = *c.store().result_of(pc2);
  auto c1 = done(c, e, c.submit(sector, TaskType::Commit1, {{"ticket", kClusterTicket}, {"seed", kSeed},
                                                             {"comm_d", pc1_out["comm_d"]["hex"]},
                                                             {"comm_r", pc2_out["comm_r"]["hex"]}}, proof));
  const std::string c1_path = c.store().result_of(c1)->at("proofs");
  auto c2 = done(c, e, c.submit(sector, TaskType::Commit2, {{"commit1_out", c1_path}}, proof));
  EXPECT_EQ(c.store().attempts_of(c2).back().partition, "gpu");
  EXPECT_EQ(c.store().result_of(c2)->at("proof"),
            jobs::filecoin::hex_encode(double_proof_bytes(file_text(c1_path), sector, 192)));

  TempDir home;
  auto l = run_process({std::string(SA_BINARY_DIR) + "/bin/sealadapter", "seal", "--sector-size",
                        std::string(params::sector_size_name(proof.size())), "--sector", std::to_string(sector),
                        "--ticket", kClusterTicket, "--seed", kSeed, "--json"},
                       {{"SEALADAPTER_HOME", home.path().string()}, {"SEALADAPTER_SITE", ""}});
  ASSERT_EQ(l.exit_code, 0) << l.err;
  EXPECT_EQ(nlohmann::json::parse(l.out)[0]["comm_r"], pc2_out["comm_r"]);
}

TEST(LotusCacheSlurm, A2KiBSectorFromALotusLaidOutCacheThroughC2) { lotus_cache_through_slurm(params::SealProof{5}, 61); }
TEST(LotusCacheSlurm, An8MiBSectorFromALotusLaidOutCacheThroughC2) { lotus_cache_through_slurm(params::SealProof{6}, 62); }

}  // namespace
}  // namespace sa::test
