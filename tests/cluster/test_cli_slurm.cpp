// The sealadapter command against the real local cluster: a sector sealed through Slurm has the same
// commitments as one sealed on this host, and `sealadapter run` killed with SIGKILL while jobs are in
// flight, then started again, completes every task exactly once (no job submitted twice, no result lost).
#include <signal.h>
#include <sys/wait.h>

#include "cluster/engine_cluster.hpp"
#include "filecoin/hex_bytes.hpp"
#include "prover_double/double_proof.hpp"
#include "support/test_parameters.hpp"

namespace sa::test {
namespace {

const std::string kBin = std::string(SA_BINARY_DIR) + "/bin/sealadapter";
const std::string kTicket = std::string(62, '2') + "1f";
const std::string kSeed = std::string(64, '4');

struct CliSite {
  TempDir dir;
  std::string site;
  std::filesystem::path parents = dir / "parents";
  // `top`: more top-level site keys (before the tables).
  // `last`: more keys of the last partition (gpu), appended to the file.
  explicit CliSite(const std::string& instance, const std::string& top = "", const std::string& last = "") {
    std::filesystem::create_directories(parents);
    site = (dir / "site.toml").string();
    std::ofstream(site) << top << cluster_site_text(dir / "state", instance) << last;
  }
  std::map<std::string, std::string> env() const {
    return {{"SEALADAPTER_SITE", site}, {"FIL_PROOFS_PARENT_CACHE", parents.string()}};
  }
  ProcessResult sa(std::vector<std::string> args, std::map<std::string, std::string> more = {}) const {
    args.insert(args.begin(), kBin);
    auto e = env();
    e.insert(more.begin(), more.end());
    return run_process(args, e);
  }
};

TEST(CliSlurm, SealThroughSlurmGivesTheSameSectorAsThisHost) {
  SA_REQUIRE_CLUSTER();
  CliSite slurm("sacli" + std::to_string(::getpid() % 10000));
  auto s = slurm.sa({"seal", "--backend", "slurm", "--sector-size", "2KiB", "--sector", "11", "--ticket", kTicket, "--seed", kSeed, "--json"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  TempDir home;
  auto l = run_process({kBin, "seal", "--sector-size", "2KiB", "--sector", "11", "--ticket", kTicket, "--seed", kSeed, "--json"},
                       {{"SEALADAPTER_HOME", home.path().string()}, {"SEALADAPTER_SITE", ""}});
  ASSERT_EQ(l.exit_code, 0) << l.err;
  auto js = nlohmann::json::parse(s.out)[0], jl = nlohmann::json::parse(l.out)[0];
  EXPECT_EQ(js["state"], "done");
  EXPECT_TRUE(js["verified"].get<bool>());
  EXPECT_EQ(js["comm_d"], jl["comm_d"]);
  EXPECT_EQ(js["comm_r"], jl["comm_r"]);
  auto st = nlohmann::json::parse(slurm.sa({"status", "--json"}).out);
  for (const auto& t : st) {
    EXPECT_EQ(t["attempts_detail"][0]["job"]["backend"], "slurm");
    EXPECT_FALSE(t["attempts_detail"][0]["job"]["id"].get<std::string>().empty());
  }

  // The same with PC2 chained behind PC1 (pc2_placement = "afterok"): same sector, PC2 queued early.
  CliSite chained("sachn" + std::to_string(::getpid() % 10000), "pc2_placement = \"afterok\"\n");
  auto c = chained.sa({"seal", "--backend", "slurm", "--sector-size", "2KiB", "--sector", "11", "--ticket", kTicket, "--seed", kSeed, "--json"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  auto jc = nlohmann::json::parse(c.out)[0];
  EXPECT_EQ(jc["state"], "done");
  EXPECT_TRUE(jc["verified"].get<bool>());
  EXPECT_EQ(jc["comm_r"], jl["comm_r"]);
}

// With a prover on the gpu partition (the test double), `seal` runs C2 there as a Slurm job with the GPU
// Slurm gives it, after verify and before Finalize, and reports the proof: the double's bytes for this
// sector's Commit1Out (kept by Finalize).
TEST(CliSlurm, SealWithAProverRunsC2OnTheGpuPartition) {
  SA_REQUIRE_CLUSTER();
  TempDir params;
  write_test_parameters(params.path(), params::SectorSize::S2KiB);
  CliSite slurm("sac2" + std::to_string(::getpid() % 10000), "parameter_cache = \"" + params.path().string() + "\"\n",
                "prover = [\"" SA_TEST_PROVER "\", \"{input}\", \"{output}\"]\n");
  auto s = slurm.sa({"seal", "--backend", "slurm", "--sector-size", "2KiB", "--sector", "12", "--ticket", kTicket, "--seed",
                     kSeed, "--json"});
  ASSERT_EQ(s.exit_code, 0) << s.err << s.out;
  auto js = nlohmann::json::parse(s.out)[0];
  EXPECT_EQ(js["state"], "done");
  ASSERT_TRUE(js.contains("proof")) << js.dump();
  const auto c1 = file_text(slurm.dir / "state" / "storage" / "cache" / "s-t01000-12" / "commit1-out.json");
  EXPECT_EQ(js["proof"]["hex"], jobs::filecoin::hex_encode(double_proof_bytes(c1, 12, 192)));
  EXPECT_EQ(js["stages"]["C2"]["state"], "done");
  bool seen = false;
  for (const auto& t : nlohmann::json::parse(slurm.sa({"status", "--json"}).out)) {
    if (t["task"] != "seal/v0/commit/2") continue;
    seen = true;
    const auto& a = t["attempts_detail"].back();
    EXPECT_EQ(a["partition"], "gpu");
    EXPECT_EQ(a["request"]["gpus"], 1) << a.dump();
    EXPECT_NE(file_text(a["log"].get<std::string>()).find("StackedDrg2KiBV1_1, CUDA_VISIBLE_DEVICES=0"), std::string::npos)
        << "the GPU Slurm gave the job reaches the prover: " << file_text(a["log"].get<std::string>());
  }
  EXPECT_TRUE(seen);
}

// A PC2 job across two nodes: two ranks of two CPUs each (PC2_2K_MAX_PARALLELISM=2, Lotus's override) do
// not fit one 2-CPU node, so Slurm gives the job two nodes and srun --mpi=pmix wires the ranks; the
// sector is the same as on this host.
TEST(CliSlurm, APc2JobSpansTwoNodesAndSealsTheSameSector) {
  SA_REQUIRE_CLUSTER();
  CliSite slurm("sa2n" + std::to_string(::getpid() % 10000));
  auto s = slurm.sa({"seal", "--backend", "slurm", "--sector-size", "2KiB", "--sector", "21", "--ranks", "2", "--ticket",
                     kTicket, "--seed", kSeed, "--json"},
                    {{"PC2_2K_MAX_PARALLELISM", "2"}});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  TempDir home;
  auto l = run_process({kBin, "seal", "--sector-size", "2KiB", "--sector", "21", "--ticket", kTicket, "--seed", kSeed, "--json"},
                       {{"SEALADAPTER_HOME", home.path().string()}, {"SEALADAPTER_SITE", ""}});
  ASSERT_EQ(l.exit_code, 0) << l.err;
  auto js = nlohmann::json::parse(s.out)[0], jl = nlohmann::json::parse(l.out)[0];
  EXPECT_TRUE(js["verified"].get<bool>());
  EXPECT_EQ(js["comm_r"], jl["comm_r"]);
  int pc2 = 0;
  for (const auto& t : nlohmann::json::parse(slurm.sa({"status", "--json"}).out)) {
    if (t["task"] != "seal/v0/precommit/2") continue;
    ++pc2;
    const auto& a = t["attempts_detail"].back();
    EXPECT_EQ(a["request"]["nodes"], 2) << a.dump();
    EXPECT_NE(a["job"]["node"].get<std::string>().find_first_of(",["), std::string::npos) << "one node: " << a.dump();
  }
  EXPECT_EQ(pc2, 1);
}

// A PC1 batch through Slurm: two sectors' PC1 in one job of two ranks on one node (srun --mpi=pmix), each
// rank its own sector; the sectors are the same as sealed one by one on this host.
TEST(CliSlurm, APc1BatchIsOneSlurmJobWithARankPerSector) {
  SA_REQUIRE_CLUSTER();
  CliSite slurm("sab" + std::to_string(::getpid() % 10000), "pc1_batch = 2\npc1_batch_wait = 120\n");
  auto s = slurm.sa({"seal", "--backend", "slurm", "--sector-size", "2KiB", "--sector", "31", "--count", "2", "--ticket",
                     kTicket, "--seed", kSeed, "--json"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  TempDir home;
  auto l = run_process({kBin, "seal", "--sector-size", "2KiB", "--sector", "31", "--count", "2", "--ticket", kTicket, "--seed",
                        kSeed, "--json"},
                       {{"SEALADAPTER_HOME", home.path().string()}, {"SEALADAPTER_SITE", ""}});
  ASSERT_EQ(l.exit_code, 0) << l.err;
  auto js = nlohmann::json::parse(s.out), jl = nlohmann::json::parse(l.out);
  ASSERT_EQ(js.size(), 2u);
  // Every PC1 attempt, so that a failure says which attempt ended how, and why.
  std::string pc1_attempts;
  for (const auto& t : nlohmann::json::parse(slurm.sa({"status", "--json"}).out)) {
    if (t["task"] == "seal/v0/precommit/1") pc1_attempts += t["attempts_detail"].dump() + "\n";
  }
  EXPECT_EQ(js[0]["stages"]["PC1"]["job"], js[1]["stages"]["PC1"]["job"]) << pc1_attempts;
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_TRUE(js[i]["verified"].get<bool>());
    EXPECT_EQ(js[i]["comm_r"], jl[i]["comm_r"]);
  }
  for (const auto& t : nlohmann::json::parse(slurm.sa({"status", "--json"}).out)) {
    if (t["task"] != "seal/v0/precommit/1") continue;
    const auto& a = t["attempts_detail"].back();
    EXPECT_EQ(a["request"]["ntasks"], 2) << a.dump();
    // Each rank gets at least the floor the job binary needs (it once had --mem=2M for both, and the
    // cgroup killed a rank when the busy machine charged its library pages to it).
    EXPECT_GE(a["request"]["memory_bytes"].get<std::uint64_t>(), 2 * (64ull << 20)) << a.dump();
    EXPECT_EQ(a["request"]["batch"]["tasks"].size(), 2u) << a.dump();
    EXPECT_EQ(a["request"]["nodes"], 1) << a.dump();
    EXPECT_EQ(a["job"]["node"].get<std::string>().find_first_of(",["), std::string::npos) << "one node: " << a.dump();
  }
}

TEST(CliSlurm, KillNineWithJobsInFlightThenRestartCompletesEveryTaskOnce) {
  SA_REQUIRE_CLUSTER();
  const std::string instance = "sak" + std::to_string(::getpid() % 10000);
  CliSite site(instance);
  const params::SealProof proof{5};
  for (int s = 1; s <= 3; ++s) {
    ASSERT_EQ(site.sa({"submit", "--task", "AP", "--sector", std::to_string(s), "--sector-size", "2KiB"}).exit_code, 0);
  }
  ASSERT_EQ(site.sa({"run", "--quiet"}).exit_code, 0);
  for (int s = 1; s <= 3; ++s) {
    auto r = site.sa({"submit", "--task", "PC1", "--sector", std::to_string(s), "--sector-size", "2KiB", "--inputs",
                      "{\"ticket\": \"" + kTicket + "\"}"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // The PC1 jobs block on the parent-cache lock until the test lets them go.
  auto lock_name = kernels::ParentCache::file_name(kernels::GraphSpec::for_proof(proof)) + ".lock";
  int lock = ::open((site.parents / lock_name).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  ASSERT_EQ(::flock(lock, LOCK_EX), 0);

  pid_t runner = ::fork();
  if (runner == 0) {
    for (const auto& [k, v] : site.env()) ::setenv(k.c_str(), v.c_str(), 1);
    ::execl(kBin.c_str(), kBin.c_str(), "run", "--quiet", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  adapter::Store store(site.dir / "state" / "sealadapter.db");
  auto running = [&] {
    int n = 0;
    for (const auto& a : store.active_attempts()) n += a.state == adapter::AttemptState::Running;
    return n;
  };
  for (int i = 0; i < 600 && running() < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_EQ(running(), 3) << "the PC1 jobs did not start";
  ::kill(runner, SIGKILL);
  ::waitpid(runner, nullptr, 0);
  ::close(lock);  // the jobs go on without the adapter

  auto again = site.sa({"run", "--quiet"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  std::set<std::string> jobs;
  for (int s = 1; s <= 3; ++s) {
    auto t = store.find_task({1000, static_cast<std::uint64_t>(s)}, adapter::TaskType::PreCommit1);
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->state, adapter::TaskState::Done) << t->error;
    auto attempts = store.attempts_of(t->id);
    EXPECT_EQ(attempts.size(), 1u) << "sector " << s << " ran twice";
    EXPECT_TRUE(store.result_of(t->id).has_value());
    for (const auto& a : attempts) jobs.insert(a.job_id);
  }
  EXPECT_EQ(jobs.size(), 3u);
  // Slurm saw exactly three PC1 jobs of this instance. The result files come first, so a job can still be
  // completing (not yet in the jobcomp log) when `run` returns: wait for the log, then count.
  std::set<std::string> seen;
  for (int i = 0; i < 150 && seen.size() < 3; ++i) {
    if (i) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    seen.clear();
    std::ifstream log("/tmp/sealadapter-slurm/log/jobcomp.txt");
    for (std::string line; std::getline(log, line);) {
      if (line.find("Name=" + instance + "-1000-") == std::string::npos || line.find("-PC1-") == std::string::npos) continue;
      seen.insert(line.substr(0, line.find(' ')));
    }
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));  // a fourth would show up now, if there were one
  {
    std::ifstream log("/tmp/sealadapter-slurm/log/jobcomp.txt");
    for (std::string line; std::getline(log, line);) {
      if (line.find("Name=" + instance + "-1000-") == std::string::npos || line.find("-PC1-") == std::string::npos) continue;
      seen.insert(line.substr(0, line.find(' ')));
    }
  }
  int pc1_jobs = static_cast<int>(seen.size());
  EXPECT_EQ(pc1_jobs, 3);
  store.check_invariants();
}

}  // namespace
}  // namespace sa::test
