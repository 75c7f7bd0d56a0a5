// The jobcomp/filetxt reader: lines exactly as slurmctld 22.05 writes them, incremental reading of an
// appended file, a torn last line, a file that starts over, and job ids reused by a fresh controller.
#include <gtest/gtest.h>

#include <fstream>

#include "backend/slurm/accounting.hpp"
#include "backend/slurm/slurm_state.hpp"
#include "support/temp_dir.hpp"

namespace sa::adapter {
namespace {

// Copied from the lab cluster's log (scripts/local-slurm.sh), one OUT_OF_MEMORY and one COMPLETED job.
const std::string kOom =
    "JobId=1 UserId=root(0) GroupId=root(0) Name=oom.sh JobState=OUT_OF_MEMORY Partition=cpu TimeLimit=525600 "
    "StartTime=2026-11-28T16:59:08 EndTime=2026-11-28T16:59:09 NodeList=n1 NodeCnt=1 ProcCnt=1 WorkDir=/tmp "
    "ReservationName= Tres=cpu=1,mem=100M,node=1,billing=1 Account= QOS= WcKey= Cluster=unknown "
    "SubmitTime=2026-11-28T16:59:07 EligibleTime=2026-11-28T16:59:07 DerivedExitCode=0:0 ExitCode=0:125 \n";

std::string line(int id, const std::string& name, const std::string& state, const std::string& exit = "0:0",
                 const std::string& workdir = "/tmp") {
  return "JobId=" + std::to_string(id) + " UserId=root(0) GroupId=root(0) Name=" + name + " JobState=" + state +
         " Partition=cpu TimeLimit=5 StartTime=2026-11-28T17:00:00 EndTime=2026-11-28T17:00:01 NodeList=n[1-2] "
         "NodeCnt=2 ProcCnt=2 WorkDir=" +
         workdir +
         " ReservationName= Tres=cpu=2 Account= QOS= WcKey= Cluster=unknown "
         "SubmitTime=2026-11-28T17:00:00 EligibleTime=2026-11-28T17:00:00 DerivedExitCode=0:0 ExitCode=" +
         exit + " \n";
}

void append(const std::filesystem::path& f, const std::string& text) { std::ofstream(f, std::ios::app) << text; }

TEST(JobComp, ParsesSlurmctldLines) {
  const auto r = parse_jobcomp_line(kOom);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->job_id, 1u);
  EXPECT_EQ(r->name, "oom.sh");
  EXPECT_EQ(r->state, SlurmJobState::OutOfMemory);
  EXPECT_EQ(r->nodes, "n1");
  EXPECT_EQ(r->signal, 125);
  EXPECT_FALSE(r->exit_code);
  const auto f = parse_jobcomp_line(line(7, "sa-x", "FAILED", "3:0", "/shared/my jobs/7"));
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->exit_code, 3);
  EXPECT_EQ(f->nodes, "n[1-2]");
  EXPECT_FALSE(parse_jobcomp_line("garbage").has_value());
  EXPECT_FALSE(parse_jobcomp_line("JobId=x JobState=FAILED").has_value());

  const JobStatus st = status_from_jobcomp(*f);
  EXPECT_EQ(st.phase, JobPhase::Ended);
  EXPECT_EQ(st.batch_state, "FAILED");
  EXPECT_EQ(st.exit_code, 3);
  EXPECT_EQ(st.job_id, "7");
  // A requeue event ("PENDING") is not an ending.
  EXPECT_EQ(status_from_jobcomp(*parse_jobcomp_line(line(8, "sa-y", "PENDING"))).phase, JobPhase::Unknown);
}

TEST(JobComp, ReadsIncrementallyAndStartsOverWhenTheFileShrinks) {
  test::TempDir dir;
  const auto file = dir / "jobcomp.txt";
  JobCompLog log(file);
  log.refresh();  // no file yet: nothing, no error
  EXPECT_FALSE(log.find(1).has_value());

  append(file, kOom + line(2, "sa-a", "COMPLETED"));
  log.refresh();
  EXPECT_EQ(log.find(1)->state, SlurmJobState::OutOfMemory);
  EXPECT_EQ(log.find(2, "sa-a")->state, SlurmJobState::Completed);
  EXPECT_FALSE(log.find(2, "sa-other").has_value());

  // A line slurmctld is still writing is read once its newline is there.
  const std::string third = line(3, "sa-b", "TIMEOUT", "0:15");
  append(file, third.substr(0, 40));
  log.refresh();
  EXPECT_FALSE(log.find(3).has_value());
  append(file, third.substr(40));
  log.refresh();
  ASSERT_TRUE(log.find(3).has_value());
  EXPECT_EQ(log.find(3)->signal, 15);

  // The same id later again (requeued, then done): the last record wins.
  append(file, line(2, "sa-a", "NODE_FAIL"));
  log.refresh();
  EXPECT_EQ(log.find(2, "sa-a")->state, SlurmJobState::NodeFail);

  // A fresh cluster truncates the log and reuses ids: old records are forgotten.
  std::ofstream(file, std::ios::trunc) << line(1, "sa-new", "CANCELLED");
  log.refresh();
  EXPECT_EQ(log.find(1)->name, "sa-new");
  EXPECT_FALSE(log.find(3).has_value());
}

}  // namespace
}  // namespace sa::adapter

namespace sa::adapter {
namespace {

// `exec srun` in the job script: the srun step is OOM-killed, the batch script only fails (from the lab
// cluster's log, a PC2 job with a too-small --mem).
TEST(JobComp, AStepOutOfMemoryIsReadAsOutOfMemory) {
  const std::string step_oom =
      "JobId=54 UserId=root(0) GroupId=root(0) Name=sae3614-1000-2-PC2-a4 JobState=FAILED Partition=cpu TimeLimit=20 "
      "StartTime=2026-11-28T18:48:16 EndTime=2026-11-28T18:48:17 NodeList=n1 NodeCnt=1 ProcCnt=1 WorkDir=/tmp "
      "ReservationName= Tres=cpu=1,mem=40M,node=1,billing=1 Account= QOS= WcKey= Cluster=unknown "
      "SubmitTime=2026-11-28T18:48:16 EligibleTime=2026-11-28T18:48:16 DerivedExitCode=0:125 ExitCode=1:0 \n";
  auto r = parse_jobcomp_line(step_oom);
  ASSERT_TRUE(r.has_value());
  JobStatus st = status_from_jobcomp(*r);
  EXPECT_EQ(st.batch_state, "OUT_OF_MEMORY");
  EXPECT_EQ(classify_slurm_ending(st).action, EndingAction::RetryMoreMemory);
}

}  // namespace
}  // namespace sa::adapter
