// The sealadapter and sa-job executables as users run them: one clear line and a non-zero exit for bad
// input; submit is idempotent; commp gives Filecoin's piece CID; seal works end to end on the embedded
// default; resources/render print what the model and templates say.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

namespace sa {
namespace {

const std::string kBin = std::string(SA_BINARY_DIR) + "/bin/sealadapter";
const std::string kJob = std::string(SA_BINARY_DIR) + "/bin/sa-job";
const std::string kSrc = SA_SOURCE_DIR;

class Cli : public ::testing::Test {
 protected:
  test::ProcessResult sa(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), kBin);
    env.emplace("SEALADAPTER_HOME", home_.path().string());
    env.emplace("SEALADAPTER_SITE", "");
    return test::run_process(args, env);
  }
  test::TempDir home_;
};

void expect_usage_error(const test::ProcessResult& r, const std::string& needle) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("sealadapter: error:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
}

TEST_F(Cli, BadInputGetsOneLineAndExitTwo) {
  expect_usage_error(sa({"resources", "--task", "PC9"}), "unknown task type \"PC9\"");
  expect_usage_error(sa({"resources", "--sector-size", "3GiB"}), "unknown sector size");
  expect_usage_error(sa({"render", "--task", "AP", "--sector-size", "2KiB", "--partition", "nope"}), "nope");
  expect_usage_error(sa({"submit", "--task", "AP", "--sector", "1", "--sector-size", "2KiB", "--data", "/no/such"}),
                     "cannot read piece data /no/such");
  expect_usage_error(sa({"submit", "--task", "AP", "--sector", "x"}), "sector");
  expect_usage_error(sa({"status", "--frobnicate"}), "frobnicate");
  expect_usage_error(sa({"commp", (home_ / "missing").string()}), "cannot open");
  expect_usage_error(sa({"result", "999"}), "no task 999");
  expect_usage_error(sa({"submit", "--task", "AP", "--sector", "1", "--proof-type", "42"}), "unknown registered seal proof 42");
  EXPECT_EQ(sa({}).exit_code, 2);
}

TEST_F(Cli, MalformedResourceOverridesAreErrorsNotZeros) {
  auto r = sa({"resources", "--task", "PC1", "--sector-size", "32GiB"}, {{"PC1_32G_MAX_MEMORY", "64GiB"}});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("PC1_32G_MAX_MEMORY"), std::string::npos) << r.err;
  auto ok = sa({"resources", "--json", "--task", "PC1", "--sector-size", "32GiB"}, {{"PC1_32G_MAX_MEMORY", "1234"}});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  auto j = nlohmann::json::parse(ok.out);
  EXPECT_EQ(j["seal/v0/precommit/1"]["8"]["MaxMemory"], 1234);
  EXPECT_EQ(j["seal/v0/precommit/1"]["8"]["MinMemory"], 60129542144ull);
}

TEST_F(Cli, HelpEverywhere) {
  for (const char* cmd : {"seal", "submit", "status", "jobs", "workers", "cancel", "retry", "result", "resources",
                          "render", "commp", "run"}) {
    auto r = sa({cmd, "--help"});
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << cmd;
  }
}

TEST_F(Cli, CommpMatchesTheGoFilCommcidVector) {
  std::string data;
  for (char c = 0; c < 4; ++c) data += std::string(127, c);  // "127OfEach0-1-2-3"
  std::ofstream(home_ / "piece.bin", std::ios::binary) << data;
  auto r = sa({"commp", (home_ / "piece.bin").string(), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["piece_cid"], "baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi");
  EXPECT_EQ(j["piece_cid_v2"], "bafkzcibcaaces3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi");
  EXPECT_EQ(j["commitment"], "496dae0cc9e265efe5a006e80626a5dc5c409e5d3155c13984caf6c8d5cfd605");
  EXPECT_EQ(j["padded_size"], 512);
  EXPECT_GT(j["sha256_compressions_per_second"].get<double>(), 0);
  auto text = sa({"commp", (home_ / "piece.bin").string()});
  EXPECT_NE(text.out.find("baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi"), std::string::npos);
  EXPECT_NE(text.err.find("SHA-256 here"), std::string::npos);
}

TEST_F(Cli, BenchReportsMediansWithTheirSpreadAndRatios) {
  auto r = sa({"bench", "--sector-size", "2KiB", "--repeat", "3", "--seconds", "0.05", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["sealed"].get<bool>());
  const auto& k = j["kernels"];
  EXPECT_EQ(k["repetitions"], 3);
  for (const char* key : {"sha256_compressions_per_second", "pc1_ratio_to_sha256", "pc1_reference_ratio_to_sha256",
                          "fr_mul_ns", "fr_mul_ratio_to_sha256"}) {
    EXPECT_GT(k[key].get<double>(), 0) << key;
  }
  EXPECT_NEAR(k["fr_mul_ratio_to_sha256"].get<double>(),
              k["fr_mul_ns"].get<double>() / k["sha256_ns_per_compression"].get<double>(), 1e-9);
  for (const char* arity : {"2", "8", "11"}) {
    EXPECT_GT(k["poseidon_hashes_per_second"][arity].get<double>(), 0) << arity;
    EXPECT_GT(k["poseidon_scalar_compressions_per_hash"][arity].get<double>(), 0) << arity;
    if (!k["poseidon_lanes_hashes_per_second"].is_null()) {
      EXPECT_NEAR(k["poseidon_lanes_speedup"][arity].get<double>(),
                  k["poseidon_lanes_hashes_per_second"][arity].get<double>() /
                      k["poseidon_scalar_hashes_per_second"][arity].get<double>(), 1e-9);
    }
  }
  EXPECT_TRUE(k["pc2_compute_seconds_per_sector"].contains("1"));
  // Every reported median lies within its samples, and there are as many samples as repetitions.
  for (const auto& [name, s] : k["spread"].items()) {
    EXPECT_EQ(s["samples"].size(), 3u) << name;
    EXPECT_LE(s["min"].get<double>(), s["median"].get<double>()) << name;
    EXPECT_LE(s["median"].get<double>(), s["max"].get<double>()) << name;
  }
  EXPECT_DOUBLE_EQ(k["sha256_compressions_per_second"].get<double>(), k["spread"]["sha256"]["median"].get<double>());
  auto text = sa({"bench", "--sector-size", "2KiB", "--repeat", "1", "--seconds", "0.05"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("median of 1 samples"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Fr multiplication, dependent chain"), std::string::npos) << text.out;
  EXPECT_NE(sa({"bench", "--repeat", "0"}).exit_code, 0);
}

TEST_F(Cli, SubmitIsIdempotentAndStatusShowsTheTask) {
  auto a = sa({"submit", "--task", "AP", "--sector", "5", "--sector-size", "2KiB", "--json"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  auto b = sa({"submit", "--task", "seal/v0/addpiece", "--sector", "5", "--sector-size", "2KiB", "--json"});
  ASSERT_EQ(b.exit_code, 0) << b.err;
  auto ja = nlohmann::json::parse(a.out), jb = nlohmann::json::parse(b.out);
  EXPECT_TRUE(ja["created"].get<bool>());
  EXPECT_FALSE(jb["created"].get<bool>());
  EXPECT_EQ(ja["id"], jb["id"]);
  auto st = nlohmann::json::parse(sa({"status", "--json"}).out);
  ASSERT_EQ(st.size(), 1u);
  EXPECT_EQ(st[0]["state"], "queued");
  // Run it, then read its result.
  auto run = sa({"run", "--quiet"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto res = sa({"result", std::to_string(ja["id"].get<int>()), "--json"});
  ASSERT_EQ(res.exit_code, 0) << res.err;
  EXPECT_EQ(nlohmann::json::parse(res.out)["outputs"]["comm_d"]["cid"],
            "baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy");
  // Finished tasks cannot be cancelled; failed/cancelled ones can be retried, done ones cannot.
  EXPECT_EQ(sa({"cancel", std::to_string(ja["id"].get<int>())}).exit_code, 2);
  EXPECT_EQ(sa({"retry", std::to_string(ja["id"].get<int>())}).exit_code, 2);
}

TEST_F(Cli, SealSealsSectorsEndToEndOnTheEmbeddedDefault) {
  auto r = sa({"seal", "--sector-size", "2KiB", "--count", "3", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 3u);
  for (const auto& s : j) {
    EXPECT_EQ(s["state"], "done");
    EXPECT_EQ(s["stages"]["AP"]["outputs"]["comm_d"]["cid"], "baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy");
  }
  // The next seal continues with the next sector numbers.
  auto again = nlohmann::json::parse(sa({"seal", "--sector-size", "2KiB", "--json"}).out);
  EXPECT_EQ(again[0]["sector"]["number"], 4);
  EXPECT_TRUE(std::filesystem::exists(home_ / "storage" / "unsealed" / "s-t01000-4"));
  auto workers = sa({"workers", "--json"});
  ASSERT_EQ(workers.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(workers.out)[0]["partition"], "local");
}

// --pc1-batch: both sectors' PC1 run as one job (two ranks under mpirun), and the sectors are the same as
// when each PC1 has its own job.
TEST_F(Cli, SealWithAPc1BatchRunsBothSectorsInOneJob) {
  const std::string ticket = std::string(63, '3') + "0";
  const std::string seed = std::string(64, '5');
  auto r = sa({"seal", "--sector-size", "2KiB", "--count", "2", "--pc1-batch", "2", "--ticket", ticket, "--seed", seed, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["stages"]["PC1"]["job"], j[1]["stages"]["PC1"]["job"]) << r.out;
  EXPECT_NE(j[0]["stages"]["PC2"]["job"], j[1]["stages"]["PC2"]["job"]) << "only PC1 is batched";
  test::TempDir other;
  auto alone = sa({"seal", "--sector-size", "2KiB", "--count", "2", "--ticket", ticket, "--seed", seed, "--json"},
                  {{"SEALADAPTER_HOME", other.path().string()}});
  ASSERT_EQ(alone.exit_code, 0) << alone.err;
  auto ja = nlohmann::json::parse(alone.out);
  EXPECT_NE(ja[0]["stages"]["PC1"]["job"], ja[1]["stages"]["PC1"]["job"]);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(j[i]["state"], "done");
    EXPECT_TRUE(j[i]["verified"].get<bool>());
    EXPECT_EQ(j[i]["comm_r"], ja[i]["comm_r"]);
  }
  EXPECT_EQ(sa({"seal", "--sector-size", "2KiB", "--pc1-batch", "0"}).exit_code, 2);
}

TEST_F(Cli, SubmitOfATaskWithoutAStageSaysSo) {
  auto r = sa({"submit", "--task", "RU", "--sector", "1", "--sector-size", "2KiB"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("ReplicaUpdate"), std::string::npos) << r.err;
  // C2 has a stage, but the embedded site has no prover to run it.
  auto c2 = sa({"submit", "--task", "C2", "--sector", "1", "--sector-size", "2KiB"});
  EXPECT_EQ(c2.exit_code, 2);
  EXPECT_NE(c2.err.find("C2 tasks need a partition with a 'prover'"), std::string::npos) << c2.err;
}

TEST_F(Cli, RenderPrintsTheScriptOfTheExampleSite) {
  // The example site as an admin would install it, with the templates from this checkout.
  std::ifstream in(kSrc + "/site/example-university.toml");
  std::stringstream text;
  text << in.rdbuf();
  std::string site = text.str();
  auto at = site.find("/gpfs/projects/filecoin/sealadapter/templates");
  ASSERT_NE(at, std::string::npos);
  site.replace(at, std::string("/gpfs/projects/filecoin/sealadapter/templates").size(), kSrc + "/templates");
  std::ofstream(home_ / "site.toml") << site;
  const std::string site_file = (home_ / "site.toml").string();
  auto r = sa({"--site", site_file, "render", "--task", "PC2", "--sector-size", "32GiB"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("#SBATCH --partition="), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--gres=gpu"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("srun --mpi=pmix"), std::string::npos) << r.out;
  auto c1 = sa({"--site", site_file, "render", "--task", "C1", "--sector-size", "32GiB", "--json"});
  ASSERT_EQ(c1.exit_code, 0) << c1.err;
  auto j = nlohmann::json::parse(c1.out);
  EXPECT_EQ(j["request"]["cpus_per_task"], 1);
  EXPECT_EQ(j["request"]["nice"], 0);
  EXPECT_TRUE(j["request"]["urgent"].get<bool>());
}

TEST(SaJob, ReportsUsageAndManifestProblemsWithExit64) {
  test::TempDir dir;
  EXPECT_EQ(test::run_process({kJob}).exit_code, 64);
  EXPECT_EQ(test::run_process({kJob, "nosuchstage", "--manifest", "x"}).exit_code, 64);
  EXPECT_EQ(test::run_process({kJob, "addpiece", "--manifest", (dir / "missing.json").string()}).exit_code, 64);
  auto list = test::run_process({kJob, "--list"});
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("addpiece"), std::string::npos);
}

TEST(SaJob, AWrongMpiWorldFailsLoudly) {
  test::TempDir dir;
  nlohmann::json m = {{"schema", "sealadapter/job-manifest"}, {"version", 1},
                      {"task", {{"id", 1}, {"attempt", 1}, {"type", "seal/v0/addpiece"}}},
                      {"stage", "addpiece"}, {"sector", {{"miner", 1000}, {"number", 1}, {"proof_type", 5}}},
                      {"ranks", 2},
                      {"paths", {{"storage", (dir / "st").string()}, {"result", (dir / "r.json").string()}}}};
  std::ofstream(dir / "m.json") << m.dump();
  auto r = test::run_process({kJob, "addpiece", "--manifest", (dir / "m.json").string()});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_NE(r.err.find("MPI wiring"), std::string::npos) << r.err;
  std::ifstream in(dir / "r.json");
  auto result = nlohmann::json::parse(in);
  EXPECT_EQ(result["status"], "permanent");
  EXPECT_NE(result["error"]["message"].get<std::string>().find("1"), std::string::npos);
}

}  // namespace
}  // namespace sa
