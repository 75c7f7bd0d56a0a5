// The local backend with a stand-in job binary (a shell script): exit codes and signals come back through
// poll, CPU pinning and CUDA_VISIBLE_DEVICES are applied, cancel ends the whole process group, and a job
// started by an earlier backend instance (an adapter restart) is recognised by its id.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "backend/local/local_backend.hpp"
#include "base/error.hpp"
#include "support/file_text.hpp"
#include "support/temp_dir.hpp"

namespace sa::adapter {
namespace {

using test::file_text;

HostResources two_cpu_host() {
  HostResources h;
  h.hostname = "testhost";
  h.cpu_ids = {0, 1};
  h.mem_total = 8ull << 30;
  h.gpus = {"GPU A", "GPU B"};
  return h;
}

class LocalBackendTest : public ::testing::Test {
 protected:
  void SetUp() override {
    script_ = dir_ / "fake-job";
    // argv: <stage> --manifest <file>; the "stage" says what to do.
    std::ofstream(script_) << "#!/bin/sh\n"
                              "grep Cpus_allowed_list /proc/self/status\n"
                              "echo \"gpus=$CUDA_VISIBLE_DEVICES tag=$SA_JOB_TAG\"\n"
                              "case \"$1\" in\n"
                              "  ok) exit 0;;\n"
                              "  fail) exit 65;;\n"
                              "  sleep) sleep 30 & wait;;\n"
                              "esac\n";
    std::filesystem::permissions(script_, std::filesystem::perms::owner_all);
  }

  JobLaunch launch(const std::string& stage, int cpus = 1, int gpus = 0) {
    JobLaunch l;
    l.tag = "sa-1000-1-AP-a1";
    l.stage = stage;
    l.job_binary = script_;
    l.manifest = dir_ / "m.json";
    l.workdir = dir_.path();
    l.log = dir_ / (stage + ".log");
    l.request.cpus_per_task = cpus;
    l.request.gpus = gpus;
    return l;
  }

  JobStatus wait_end(LocalBackend& b, const JobHandle& h) {
    for (int i = 0; i < 400; ++i) {
      auto st = b.poll({h});
      if (st.at(0).phase == JobPhase::Ended) return st[0];
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    ADD_FAILURE() << "job did not end";
    return {};
  }

  test::TempDir dir_;
  std::filesystem::path script_;
};

TEST_F(LocalBackendTest, ExitCodesComeBackThroughPoll) {
  LocalBackend b(two_cpu_host());
  auto ok = b.submit(launch("ok"));
  auto fail = b.submit(launch("fail"));
  EXPECT_EQ(wait_end(b, ok).exit_code, 0);
  EXPECT_EQ(wait_end(b, fail).exit_code, 65);
  EXPECT_NE(file_text(dir_ / "ok.log").find("tag=sa-1000-1-AP-a1"), std::string::npos);
}

TEST_F(LocalBackendTest, JobsArePinnedToFreeCpusAndGivenTheirGpus) {
  LocalBackend b(two_cpu_host());
  auto first = b.submit(launch("sleep", 1, 1));
  auto second = b.submit(launch("ok", 1, 1));
  wait_end(b, second);
  std::string log = file_text(dir_ / "ok.log");
  EXPECT_NE(log.find("Cpus_allowed_list:\t1"), std::string::npos) << log;  // CPU 0 is the first job's
  EXPECT_NE(log.find("gpus=1 "), std::string::npos) << log;                // GPU 0 is the first job's
  b.cancel(first);
  EXPECT_TRUE(wait_end(b, first).cancelled);
}

TEST_F(LocalBackendTest, CancelEndsTheProcessGroup) {
  LocalBackend b(two_cpu_host());
  auto h = b.submit(launch("sleep"));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(b.poll({h})[0].phase, JobPhase::Running);
  b.cancel(h);
  JobStatus st = wait_end(b, h);
  EXPECT_TRUE(st.cancelled);
  EXPECT_TRUE(st.signal.has_value());
}

TEST_F(LocalBackendTest, ARestartedBackendRecognisesARunningJobByItsId) {
  auto first = std::make_unique<LocalBackend>(two_cpu_host());
  JobHandle h = first->submit(launch("sleep"));
  LocalBackend second(two_cpu_host());  // as after an adapter restart: the job is not its child
  EXPECT_EQ(second.poll({h})[0].phase, JobPhase::Running);
  second.cancel(h);
  first->poll({h});  // the first instance reaps its child so it does not linger as a zombie
  for (int i = 0; i < 400 && second.poll({h})[0].phase == JobPhase::Running; ++i) {
    first->poll({h});
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  EXPECT_EQ(second.poll({h})[0].phase, JobPhase::Ended);
  // A recycled pid with another start time is not mistaken for the job.
  EXPECT_EQ(second.poll({JobHandle{std::to_string(::getpid()) + ".1", "x"}})[0].phase, JobPhase::Ended);
  EXPECT_EQ(second.poll({JobHandle{"garbage", "x"}})[0].phase, JobPhase::Unknown);
}

TEST_F(LocalBackendTest, AMissingJobBinaryIsAConfigError) {
  LocalBackend b(two_cpu_host());
  JobLaunch l = launch("ok");
  l.job_binary = dir_ / "nope";
  EXPECT_THROW(b.submit(l), Error);
  EXPECT_EQ(b.workers().at(0).cpus, 2);
  EXPECT_EQ(b.workers().at(0).gpus, 2);
}

TEST(HostResources, DetectsThisHost) {
  HostResources h = detect_host([](const std::string&) { return std::nullopt; });
  EXPECT_GE(h.cpus(), 1);
  EXPECT_GT(h.mem_total, 0u);
  EXPECT_FALSE(h.hostname.empty());
  HostResources none = detect_host([](const std::string& k) -> std::optional<std::string> {
    return k == "CUDA_VISIBLE_DEVICES" ? std::optional<std::string>("") : std::nullopt;
  });
  EXPECT_TRUE(none.gpus.empty());
}

}  // namespace
}  // namespace sa::adapter
