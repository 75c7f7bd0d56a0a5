// What the backend asks the real controller, and how often: one slurm_load_jobs per poll of many jobs, an
// "unchanged" answer when nothing moved, purged jobs found in the jobcomp log, re-adoption after a
// restart, the site's nodes as workers, and will_run explaining an impossible job.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "cluster_support.hpp"
#include "support/temp_dir.hpp"

namespace sa::test {
namespace {

using adapter::JobPhase;

class ClusterPoll : public ::testing::Test {
 protected:
  void SetUp() override { SA_REQUIRE_CLUSTER(); }
};

TEST_F(ClusterPoll, PollOfManyJobsIsOneRpc) {
  TempDir dir;
  adapter::SlurmBackend backend(cluster_api(), cluster_options());
  std::vector<adapter::JobHandle> jobs;
  for (int i = 0; i < 8; ++i) {
    jobs.push_back(backend.submit(script_launch(job_tag("many"), cpu_request(100), "sleep 1", dir.path())));
  }
  const auto before = backend.call_counts();
  const auto statuses = backend.poll(jobs);
  const auto after = backend.call_counts();
  ASSERT_EQ(statuses.size(), jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    EXPECT_EQ(statuses[i].job_id, jobs[i].job_id);
    EXPECT_NE(statuses[i].phase, JobPhase::Unknown) << statuses[i].reason;
  }
  EXPECT_EQ(after.load_jobs - before.load_jobs, 1);
  EXPECT_EQ(after.load_job, before.load_job);  // never one call per job

  // Until all have ended: still one RPC per poll.
  for (int round = 0; round < 150; ++round) {
    const auto c0 = backend.call_counts();
    const auto s = backend.poll(jobs);
    EXPECT_EQ(backend.call_counts().load_jobs - c0.load_jobs, 1);
    if (std::all_of(s.begin(), s.end(), [](const auto& x) { return x.phase == JobPhase::Ended; })) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  for (const auto& s : backend.poll(jobs)) EXPECT_EQ(s.batch_state, "COMPLETED") << s.job_id << " " << s.reason;

  // On a cluster where nothing moves the controller answers "no change" and sends no job records. Other
  // tests may run alongside, so give it a few tries.
  bool unchanged = false;
  for (int i = 0; i < 40 && !unchanged; ++i) {
    const int u0 = backend.call_counts().load_jobs_unchanged;
    backend.poll(jobs);
    unchanged = backend.call_counts().load_jobs_unchanged > u0;
    if (!unchanged) std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  EXPECT_TRUE(unchanged);
}

TEST_F(ClusterPoll, JobPurgedAfterMinJobAgeIsFoundInTheJobcompLog) {
  TempDir dir;
  adapter::SlurmBackend backend(cluster_api(), cluster_options());
  const auto h = backend.submit(script_launch(job_tag("purged"), cpu_request(100), "exit 3", dir.path()));
  const auto ended = wait_ended(backend, h);
  ASSERT_EQ(ended.phase, JobPhase::Ended);
  EXPECT_EQ(ended.batch_state, "FAILED");
  // The lab cluster has MinJobAge=10: the controller forgets the job within ~20 s.
  const auto id = static_cast<std::uint32_t>(std::stoul(h.job_id));
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (cluster_api().load_job(id) && std::chrono::steady_clock::now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  ASSERT_FALSE(cluster_api().load_job(id).has_value()) << "job " << id << " was not purged within 60 s";

  adapter::SlurmBackend restarted(cluster_api(), cluster_options());  // knows nothing about the job
  const auto st = poll_one(restarted, h);
  ASSERT_EQ(st.phase, JobPhase::Ended) << st.reason;
  EXPECT_EQ(st.batch_state, "FAILED");
  ASSERT_TRUE(st.exit_code.has_value());
  EXPECT_EQ(*st.exit_code, 3);
  EXPECT_NE(st.reason.find("jobcomp"), std::string::npos) << st.reason;
  EXPECT_FALSE(restarted.jobcomp_file().empty());

  // A job id the controller and the log never knew is Unknown, with the log named.
  const auto unknown = poll_one(restarted, adapter::JobHandle{"999999", "sact-nonexistent"});
  EXPECT_EQ(unknown.phase, JobPhase::Unknown);
  EXPECT_NE(unknown.reason.find(restarted.jobcomp_file().string()), std::string::npos) << unknown.reason;
}

TEST_F(ClusterPoll, RestartedAdapterAdoptsItsJobsByTag) {
  TempDir dir;
  const std::string prefix = job_tag("adopt") + "-";
  adapter::SlurmBackend first(cluster_api(), cluster_options());
  const auto a = first.submit(script_launch(prefix + "x", cpu_request(100), "sleep 30", dir.path()));
  const auto b = first.submit(script_launch(prefix + "y", cpu_request(100), "sleep 30", dir.path()));
  const auto other = first.submit(script_launch(job_tag("other"), cpu_request(100), "sleep 30", dir.path()));

  adapter::SlurmBackend second(cluster_api(), cluster_options());
  const auto adopted = second.adopt_by_tag(prefix);
  std::set<std::string> ids;
  for (const auto& j : adopted) {
    ids.insert(j.handle.job_id);
    EXPECT_EQ(j.partition, "cpu");
    EXPECT_TRUE(j.status.phase == JobPhase::Pending || j.status.phase == JobPhase::Running);
    EXPECT_EQ(j.handle.tag.rfind(prefix, 0), 0u);
  }
  EXPECT_EQ(ids, (std::set<std::string>{a.job_id, b.job_id}));
  EXPECT_EQ(second.in_flight("cpu"), 2);
  for (const auto& h : {a, b, other}) second.cancel(h);
  for (const auto& h : {a, b, other}) EXPECT_EQ(wait_ended(second, h, 30).batch_state, "CANCELLED");
  EXPECT_EQ(second.in_flight("cpu"), 0);
}

TEST_F(ClusterPoll, WorkersAreTheSiteNodes) {
  adapter::SlurmBackend backend(cluster_api(), cluster_options());
  std::map<std::string, adapter::WorkerInfo> by_name;
  for (const auto& w : backend.workers()) by_name[w.name] = w;
  ASSERT_EQ(by_name.size(), 4u);
  for (const char* n : {"n1", "n2", "n3"}) {
    ASSERT_TRUE(by_name.count(n)) << n;
    EXPECT_EQ(by_name[n].cpus, 2);
    EXPECT_EQ(by_name[n].mem_physical, 4000ull << 20);
    EXPECT_EQ(by_name[n].gpus, 0);
  }
  EXPECT_EQ(by_name["g1"].gpus, 1);

  adapter::SlurmOptions only_gpu = cluster_options();
  only_gpu.partitions = {"gpu"};
  adapter::SlurmBackend gpu(cluster_api(), only_gpu);
  const auto w = gpu.workers();
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].name, "g1");
}

TEST_F(ClusterPoll, WillRunExplainsAJobBiggerThanEveryNode) {
  TempDir dir;
  adapter::SlurmBackend backend(cluster_api(), cluster_options());
  const auto ok = backend.validate(script_launch(job_tag("fits"), cpu_request(500), "true", dir.path()));
  EXPECT_TRUE(ok.runnable) << ok.explanation;
  EXPECT_EQ(ok.partition, "cpu");
  EXPECT_FALSE(ok.nodes.empty());

  const auto calls = backend.call_counts();
  const auto big = backend.validate(script_launch(job_tag("huge"), cpu_request(64 << 10), "true", dir.path()));
  EXPECT_FALSE(big.runnable);
  EXPECT_NE(big.explanation.find("65536 MB"), std::string::npos) << big.explanation;
  EXPECT_NE(big.explanation.find("4000 MB"), std::string::npos) << big.explanation;
  EXPECT_NE(big.explanation.find("partition cpu"), std::string::npos) << big.explanation;
  EXPECT_EQ(backend.call_counts().submit, calls.submit);  // nothing was submitted
}

}  // namespace
}  // namespace sa::test
