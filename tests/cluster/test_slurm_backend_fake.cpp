// SlurmBackend driven through a fake SlurmClient: how many RPCs a poll costs, the snapshot kept when the
// controller says "no change", purged jobs found in the jobcomp log, limits, cancel, adoption, workers and
// validation — without a cluster.
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>

#include "backend/slurm/slurm_backend.hpp"
#include "backend/slurm/slurm_state.hpp"
#include "base/error.hpp"
#include "cluster_support.hpp"
#include "support/temp_dir.hpp"

namespace sa::adapter {
namespace {

class FakeSlurm : public SlurmClient {
 public:
  std::vector<SlurmJobRecord> jobs;
  std::vector<SlurmNodeRecord> nodes;
  SlurmControllerConfig config;
  SlurmWillRun will;
  std::vector<SlurmJobDesc> submitted;
  std::vector<std::pair<std::uint32_t, int>> kills;
  std::int64_t version = 100;  // the controller's "last job update"
  std::uint32_t next_id = 1;
  SlurmCallCounts counts;

  SlurmJobRecord& job(std::uint32_t id) {
    for (auto& j : jobs) {
      if (j.job_id == id) return j;
    }
    throw std::runtime_error("no job");
  }
  void changed() { ++version; }

  SlurmSubmitted submit(const SlurmJobDesc& d) override {
    ++counts.submit;
    submitted.push_back(d);
    SlurmJobRecord r;
    r.job_id = next_id++;
    r.name = d.name;
    r.comment = d.comment;
    r.partition = d.partition;
    r.state = SlurmJobState::Pending;
    r.reason = "Priority";
    jobs.push_back(r);
    changed();
    return {r.job_id, ""};
  }
  std::optional<std::vector<SlurmJobRecord>> load_jobs(std::int64_t* last) override {
    ++counts.load_jobs;
    if (*last >= version) {
      ++counts.load_jobs_unchanged;
      return std::nullopt;
    }
    *last = version;
    return jobs;
  }
  std::optional<SlurmJobRecord> load_job(std::uint32_t) override {
    ++counts.load_job;
    return std::nullopt;
  }
  void kill_job(std::uint32_t id, int sig) override {
    ++counts.kill_job;
    kills.emplace_back(id, sig);
  }
  std::vector<SlurmNodeRecord> load_nodes() override {
    ++counts.load_nodes;
    return nodes;
  }
  std::vector<SlurmPartitionRecord> load_partitions() override { return {}; }
  SlurmWillRun will_run(const SlurmJobDesc&) override {
    ++counts.will_run;
    return will;
  }
  SlurmControllerConfig load_config() override {
    ++counts.load_config;
    return config;
  }
  std::vector<std::string> expand_hostlist(const std::string& l) override { return {l}; }
  SlurmCallCounts call_counts() const override { return counts; }
};

struct SlurmBackendFake : ::testing::Test {
  FakeSlurm fake;
  double now = 1000;
  SlurmOptions options() {
    SlurmOptions o;
    o.instance = "sact";
    o.partitions = {"cpu"};
    return o;
  }
  JobLaunch launch(const std::string& tag, const std::string& partition = "cpu") {
    JobRequest r;
    r.partition = partition;
    return test::script_launch(tag, r, "true", "/tmp");
  }
};

TEST_F(SlurmBackendFake, PollOfManyJobsIsOneRpcAndUnchangedReusesTheSnapshot) {
  SlurmBackend b(fake, options(), [&] { return now; });
  std::vector<JobHandle> hs;
  for (int i = 0; i < 5; ++i) hs.push_back(b.submit(launch("sact-" + std::to_string(i))));
  fake.job(2).state = SlurmJobState::Running;
  fake.job(2).nodes = "n3";
  fake.changed();
  auto st = b.poll(hs);
  EXPECT_EQ(fake.counts.load_jobs, 1);
  EXPECT_EQ(st[0].phase, JobPhase::Pending);
  EXPECT_EQ(st[0].reason, "Priority");
  EXPECT_EQ(st[1].phase, JobPhase::Running);
  EXPECT_EQ(st[1].node, "n3");
  st = b.poll(hs);  // nothing changed
  EXPECT_EQ(fake.counts.load_jobs, 2);
  EXPECT_EQ(fake.counts.load_jobs_unchanged, 1);
  EXPECT_EQ(st[1].phase, JobPhase::Running);
  EXPECT_EQ(fake.counts.load_job, 0);
}

TEST_F(SlurmBackendFake, OtherJobsAreNotKept) {
  SlurmBackend b(fake, options(), [&] { return now; });
  const JobHandle h = b.submit(launch("sact-1"));
  SlurmJobRecord other;
  other.job_id = 99;
  other.name = "someone-else";
  other.state = SlurmJobState::Running;
  fake.jobs.push_back(other);
  fake.changed();
  b.poll({h});
  EXPECT_TRUE(b.last_record(h.job_id).has_value());
  EXPECT_FALSE(b.last_record("99").has_value());
}

TEST_F(SlurmBackendFake, PurgedJobComesFromTheJobcompLog) {
  test::TempDir dir;
  const auto file = dir / "jobcomp.txt";
  std::ofstream(file) << "JobId=7 UserId=root(0) GroupId=root(0) Name=sact-old JobState=TIMEOUT Partition=cpu "
                         "NodeList=n2 ExitCode=0:15 \n";
  fake.config.jobcomp_type = "jobcomp/filetxt";
  fake.config.jobcomp_loc = file.string();
  SlurmBackend b(fake, options(), [&] { return now; });
  auto st = b.poll({{"7", "sact-old"}, {"8", "sact-gone"}, {"x", "sact-bad"}});
  EXPECT_EQ(st[0].phase, JobPhase::Ended);
  EXPECT_EQ(st[0].batch_state, "TIMEOUT");
  EXPECT_EQ(st[0].signal, 15);
  EXPECT_EQ(st[0].node, "n2");
  EXPECT_EQ(st[1].phase, JobPhase::Unknown);
  EXPECT_NE(st[1].reason.find(file.string()), std::string::npos) << st[1].reason;
  EXPECT_EQ(st[2].phase, JobPhase::Unknown);
  EXPECT_EQ(b.jobcomp_file(), file);
  EXPECT_EQ(fake.counts.load_config, 1);  // asked once
  // Without a jobcomp log the reason says so.
  FakeSlurm none;
  SlurmBackend nb(none, options(), [&] { return now; });
  EXPECT_NE(nb.poll({{"8", "sact-gone"}})[0].reason.find("keeps no jobcomp"), std::string::npos);
}

TEST_F(SlurmBackendFake, InFlightCapAndRateLimit) {
  SlurmOptions o = options();
  o.max_jobs = {{"cpu", 2}};
  o.submit_rate = 1;
  o.submit_burst = 5;
  SlurmBackend b(fake, o, [&] { return now; });
  const JobHandle a = b.submit(launch("sact-a"));
  b.submit(launch("sact-b"));
  EXPECT_FALSE(b.can_submit("cpu"));
  EXPECT_EQ(b.submit_blocker("cpu"), "partition cpu has 2 jobs in flight (max_jobs = 2)");
  try {
    b.submit(launch("sact-c"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Resource);
    EXPECT_TRUE(e.retryable());
  }
  EXPECT_EQ(fake.counts.submit, 2);
  fake.job(static_cast<std::uint32_t>(std::stoul(a.job_id))).state = SlurmJobState::Completed;
  fake.changed();
  EXPECT_EQ(b.poll({a})[0].phase, JobPhase::Ended);
  EXPECT_TRUE(b.can_submit("cpu"));
  EXPECT_EQ(b.in_flight("cpu"), 1);
  // Rate: 5 at once, then one a second.
  SlurmBackend r(
      fake,
      [&] {
        SlurmOptions x = options();
        x.submit_rate = 1;
        x.submit_burst = 2;
        return x;
      }(),
      [&] { return now; });
  r.submit(launch("sact-r1", "gpu"));
  r.submit(launch("sact-r2", "gpu"));
  EXPECT_EQ(r.submit_blocker("gpu"), "submission rate limit: next slot in 1.0 s");
  now += 1;
  EXPECT_TRUE(r.can_submit("gpu"));
}

TEST_F(SlurmBackendFake, CancelKillsAndMarksTheEnding) {
  SlurmBackend b(fake, options(), [&] { return now; });
  const JobHandle h = b.submit(launch("sact-c"));
  b.cancel(h);
  ASSERT_EQ(fake.kills.size(), 1u);
  EXPECT_EQ(fake.kills[0].second, SIGKILL);
  auto& j = fake.job(1);
  j.state = SlurmJobState::Cancelled;
  j.completing = true;
  fake.changed();
  EXPECT_EQ(b.poll({h})[0].phase, JobPhase::Running);  // still cleaning up
  j.completing = false;
  j.exit_status = 15;
  fake.changed();
  const JobStatus st = b.poll({h})[0];
  EXPECT_EQ(st.phase, JobPhase::Ended);
  EXPECT_TRUE(st.cancelled);
  EXPECT_EQ(classify_slurm_ending(st).message, "cancelled by sealadapter");
}

TEST_F(SlurmBackendFake, RestartedBackendAdoptsPendingAndRunningJobsByTag) {
  {
    SlurmBackend first(fake, options(), [&] { return now; });
    first.submit(launch("sact-9-1-PC1-a1"));
    first.submit(launch("sact-9-2-PC1-a1"));
    first.submit(launch("sact-9-3-PC1-a1"));
    first.submit(launch("other-1"));
  }
  fake.job(2).state = SlurmJobState::Running;
  fake.job(3).state = SlurmJobState::Completed;
  fake.changed();
  SlurmBackend second(fake, options(), [&] { return now; });
  const auto adopted = second.adopt_by_tag("sact-9-");
  ASSERT_EQ(adopted.size(), 2u);
  EXPECT_EQ(adopted[0].handle.job_id, "1");
  EXPECT_EQ(adopted[0].handle.tag, "sact-9-1-PC1-a1");
  EXPECT_EQ(adopted[1].status.phase, JobPhase::Running);
  EXPECT_EQ(second.in_flight("cpu"), 2);
  // Comments work as tags too.
  EXPECT_EQ(second.adopt_by_tag("sealadapter:sact:").size(), 3u);  // other-1 is pending as well
}

TEST_F(SlurmBackendFake, WorkersAndValidation) {
  SlurmNodeRecord n;
  n.name = "n1";
  n.cpus = 2;
  n.real_memory_mb = 4000;
  n.partitions = {"cpu"};
  n.usable = true;
  fake.nodes = {n, n, n};
  fake.nodes[1].name = "n2";
  fake.nodes[1].usable = false;  // drained
  fake.nodes[2].name = "g1";
  fake.nodes[2].partitions = {"gpu"};
  SlurmBackend b(fake, options(), [&] { return now; });
  const auto w = b.workers();
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].name, "n1");
  EXPECT_EQ(w[0].mem_physical, 4000ull << 20);

  fake.will.runnable = false;
  fake.will.error = "Requested node configuration is not available";
  JobLaunch l = launch("sact-v");
  l.request.memory_bytes = 8ull << 30;
  l = test::script_launch(l.tag, l.request, "true", "/tmp");
  const JobValidation v = b.validate(l);
  EXPECT_FALSE(v.runnable);
  EXPECT_NE(v.explanation.find("8192 MB"), std::string::npos) << v.explanation;
  EXPECT_EQ(fake.counts.submit, 0);
}

}  // namespace
}  // namespace sa::adapter
