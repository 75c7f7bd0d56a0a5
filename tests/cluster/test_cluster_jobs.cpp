// SlurmBackend against the real local cluster: a rendered job's whole life, and each way a job can end
// that the engine must tell apart (OUT_OF_MEMORY, TIMEOUT, CANCELLED), plus GPU placement.
#include <gtest/gtest.h>

#include "backend/slurm/slurm_state.hpp"
#include "base/error.hpp"
#include "cluster_support.hpp"
#include "config/site_config.hpp"
#include "render/job_script.hpp"
#include "support/file_text.hpp"
#include "support/temp_dir.hpp"

namespace sa::test {
namespace {

using adapter::EndingAction;
using adapter::JobPhase;

class ClusterJobs : public ::testing::Test {
 protected:
  void SetUp() override { SA_REQUIRE_CLUSTER(); }
};

TEST_F(ClusterJobs, RenderedJobGoesPendingRunningCompleted) {
  TempDir dir;
  adapter::SlurmBackend backend(cluster_api(), cluster_options());
  const adapter::SiteConfig site =
      adapter::load_site_file(std::filesystem::path(SA_SOURCE_DIR) / "site/local-test.toml");
  const adapter::Partition& gpu = *site.find_partition("gpu");

  // A job holding both CPUs of the only gpu node, so ours has to wait for it.
  adapter::JobRequest big = cpu_request(100, "gpu");
  big.cpus_per_task = 2;
  const auto blocker = backend.submit(script_launch(job_tag("blocker"), big, "sleep 3", dir.path()));
  ASSERT_EQ(wait_running(backend, blocker).phase, JobPhase::Running);

  adapter::JobRequest r = cpu_request(200, "gpu");
  r.launcher = adapter::Launcher::Srun;
  r.env["SA_TEST_VALUE"] = "it's here";
  adapter::JobLaunch l;
  l.tag = job_tag("life");
  l.comment = std::string("sealadapter:") + kInstance + ":task=1:attempt=1";
  l.request = r;
  l.stage = "addpiece";
  l.job_binary = "/bin/echo";  // the launch line runs it through srun --mpi=pmix like sa-job
  l.manifest = dir / "manifest.json";
  l.workdir = dir.path();
  l.log = dir / "job.log";
  l.script =
      adapter::render_job_script(r, {l.tag, l.comment, l.manifest, l.job_binary, l.stage, l.workdir, l.log}, site, gpu);
  const adapter::JobHandle h = backend.submit(l);
  EXPECT_EQ(h.tag, l.tag);

  bool saw_pending = false, saw_running = false;
  std::string pending_reason;
  const auto st = wait_for(
      backend, h, [](const adapter::JobStatus& s) { return s.phase == JobPhase::Ended; }, 60,
      [&](const adapter::JobStatus& s) {
        if (s.phase == JobPhase::Pending) saw_pending = true, pending_reason = s.reason;
        if (s.phase == JobPhase::Running) saw_running = true;
      });
  EXPECT_TRUE(saw_pending);
  EXPECT_FALSE(pending_reason.empty());  // "Resources" (or "Priority" behind the blocker)
  EXPECT_TRUE(saw_running);
  ASSERT_EQ(st.phase, JobPhase::Ended) << st.reason;
  EXPECT_EQ(st.batch_state, "COMPLETED");
  ASSERT_TRUE(st.exit_code.has_value());
  EXPECT_EQ(*st.exit_code, 0);
  EXPECT_EQ(st.node, "g1");
  EXPECT_EQ(adapter::classify_slurm_ending(st).action, EndingAction::Succeeded);
  const std::string log = file_text(l.log);
  EXPECT_NE(log.find("addpiece --manifest " + l.manifest.string()), std::string::npos) << log;
  wait_ended(backend, blocker);
}

TEST_F(ClusterJobs, JobOverItsMemoryEndsOutOfMemory) {
  TempDir dir;
  adapter::SlurmBackend backend(cluster_api(), cluster_options());
  // tail keeps the "line" it reads from /dev/zero: memory grows until the cgroup limit kills it.
  const auto h = backend.submit(script_launch(job_tag("oom"), cpu_request(100), "tail /dev/zero", dir.path()));
  const auto st = wait_ended(backend, h);
  ASSERT_EQ(st.phase, JobPhase::Ended) << st.reason;
  EXPECT_EQ(st.batch_state, "OUT_OF_MEMORY");
  const auto d = adapter::classify_slurm_ending(st);
  EXPECT_EQ(d.action, EndingAction::RetryMoreMemory);
  EXPECT_GT(d.memory_factor, 1.0);
}

TEST_F(ClusterJobs, JobOverItsTimeLimitEndsTimeout) {
  TempDir dir;
  adapter::SlurmBackend backend(cluster_api(), cluster_options());
  adapter::JobRequest r = cpu_request();
  r.time_limit_minutes = 1;  // Slurm's smallest limit
  const auto started = dir / "started";
  const auto h = backend.submit(script_launch(job_tag("timeout"), r, "touch '" + started.string() + "'; sleep 300", dir.path()));
  ASSERT_EQ(wait_running(backend, h).phase, JobPhase::Running);
  // RUNNING in slurmctld is not yet running on the node: a time limit that falls while slurmd still launches
  // the batch step (slow when the machine is busy) fails the launch (FAILED) instead of timing the job out.
  for (int i = 0; i < 300 && !std::filesystem::exists(started); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_TRUE(std::filesystem::exists(started)) << "the batch script did not start within 30 s";
  // Rather than wait out the minute, an operator moves the end time to now: slurmctld's time-limit check
  // (every 30 s) then ends the job exactly as a job that ran out of time.
  const auto r2 = scontrol({"update", "jobid=" + h.job_id, "EndTime=now+1"});
  ASSERT_EQ(r2.exit_code, 0) << r2.err;
  const auto st = wait_ended(backend, h, 90);
  ASSERT_EQ(st.phase, JobPhase::Ended) << st.reason;
  EXPECT_EQ(st.batch_state, "TIMEOUT");
  const auto d = adapter::classify_slurm_ending(st);
  EXPECT_EQ(d.action, EndingAction::RetryMoreTime);
  EXPECT_GT(d.time_factor, 1.0);
}

TEST_F(ClusterJobs, CancelledJobEndsCancelled) {
  TempDir dir;
  adapter::SlurmBackend backend(cluster_api(), cluster_options());
  const auto h = backend.submit(script_launch(job_tag("cancel"), cpu_request(), "sleep 300", dir.path()));
  ASSERT_EQ(wait_running(backend, h).phase, JobPhase::Running);
  backend.cancel(h);
  const auto st = wait_ended(backend, h, 30);
  ASSERT_EQ(st.phase, JobPhase::Ended) << st.reason;
  EXPECT_EQ(st.batch_state, "CANCELLED");
  EXPECT_TRUE(st.cancelled);
  EXPECT_EQ(adapter::classify_slurm_ending(st).action, EndingAction::Cancelled);
}

TEST_F(ClusterJobs, GpuJobRunsOnTheGpuNodeWithItsDevice) {
  TempDir dir;
  adapter::SlurmBackend backend(cluster_api(), cluster_options());
  adapter::JobRequest r = cpu_request(200, "gpu");
  r.gpus = 1;
  r.extra_directives = {"--gpu-bind=closest"};  // as example-university.toml's GPU partition asks
  // The step (srun) gets the device too, not just the batch shell.
  const auto l = script_launch(job_tag("gpu"), r,
                               "srun echo \"CVD=${CUDA_VISIBLE_DEVICES:-unset} NODE=$SLURMD_NODENAME\"", dir.path());
  const auto st = wait_ended(backend, backend.submit(l));
  ASSERT_EQ(st.phase, JobPhase::Ended) << st.reason;
  EXPECT_EQ(st.batch_state, "COMPLETED");
  EXPECT_EQ(st.node, "g1");
  EXPECT_NE(file_text(l.log).find("CVD=0 NODE=g1"), std::string::npos) << file_text(l.log);
}

TEST_F(ClusterJobs, GpuJobOnCpuPartitionIsRefusedAtSubmit) {
  TempDir dir;
  adapter::SlurmBackend backend(cluster_api(), cluster_options());
  adapter::JobRequest r = cpu_request(200, "cpu");
  r.gpus = 1;
  try {
    backend.submit(script_launch(job_tag("nogpu"), r, "true", dir.path()));
    FAIL() << "a GPU job was accepted on a partition without GPUs";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Slurm);
    EXPECT_FALSE(e.retryable());
    EXPECT_NE(std::string(e.what()).find("slurm_submit_batch_job"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace sa::test
