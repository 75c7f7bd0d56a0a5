// JobRequest + JobLaunch -> job description: every field sbatch would have set from the rendered header,
// extra directives, and refusal when the header and the request disagree or use an option libslurm
// submission cannot carry.
#include <gtest/gtest.h>

#include <csignal>

#include "backend/slurm/job_desc.hpp"
#include "base/error.hpp"
#include "cluster_support.hpp"

namespace sa::adapter {
namespace {

JobRequest full_request() {
  JobRequest r;
  r.partition = "gpu";
  r.nodes = 2;
  r.ntasks = 4;
  r.cpus_per_task = 3;
  r.memory_bytes = (1ull << 30) + 1;  // rounds up to 1025 MiB, as the header's --mem
  r.gpus = 2;
  r.gpu_type = "a100";
  r.time_limit_minutes = 90;
  r.nice = 7;
  r.account = "filecoin";
  r.qos = "high";
  r.exclude_nodes = {"n1", "n[3-4]"};
  r.nodelist = {"n2"};
  r.env = {{"FIL_PROOFS_MAXIMIZE_CACHING", "1"}};
  return r;
}

bool has_env(const SlurmJobDesc& d, const std::string& kv) {
  return std::find(d.environment.begin(), d.environment.end(), kv) != d.environment.end();
}

TEST(SlurmJobDesc, CarriesEveryFieldOfTheRequest) {
  const JobLaunch l = test::script_launch("sa-1-2-PC2-a1", full_request(), "true", "/shared/jobs/7/a1");
  SlurmSubmitOptions o;
  o.requeue = false;
  o.user_id = 1000;
  const SlurmJobDesc d = make_job_desc(l, o);
  EXPECT_EQ(d.name, "sa-1-2-PC2-a1");
  EXPECT_EQ(d.comment, l.comment);
  EXPECT_EQ(d.partition, "gpu");
  EXPECT_EQ(d.script, l.script);
  EXPECT_EQ(d.nodes, 2);
  EXPECT_EQ(d.ntasks, 4);
  EXPECT_EQ(d.cpus_per_task, 3);
  EXPECT_EQ(d.memory_mb, 1025u);
  EXPECT_EQ(d.tres_per_node, "gres:gpu:a100:2");
  EXPECT_EQ(d.time_limit_minutes, 90);
  EXPECT_EQ(d.nice, 7);
  EXPECT_EQ(d.account, "filecoin");
  EXPECT_EQ(d.qos, "high");
  EXPECT_EQ(d.exclude_nodes, "n1,n[3-4]");
  EXPECT_EQ(d.req_nodes, "n2");
  EXPECT_EQ(d.std_out, "/shared/jobs/7/a1/sa-1-2-PC2-a1.log");
  EXPECT_EQ(d.work_dir, "/shared/jobs/7/a1");
  EXPECT_EQ(d.warn_signal, SIGUSR1);  // the renderer's --signal=B:USR1@120
  EXPECT_EQ(d.warn_seconds, 120);
  EXPECT_TRUE(d.warn_batch_only);
  EXPECT_EQ(d.requeue, false);
  EXPECT_EQ(d.user_id, 1000u);
  EXPECT_TRUE(has_env(d, "PATH=/usr/local/bin:/usr/bin:/bin"));
  EXPECT_TRUE(has_env(d, "FIL_PROOFS_MAXIMIZE_CACHING=1"));
  EXPECT_TRUE(has_env(d, "SA_JOB_TAG=sa-1-2-PC2-a1"));
}

TEST(SlurmJobDesc, EnvironmentIsNeverEmpty) {
  SlurmSubmitOptions o;
  o.environment.clear();
  JobRequest r;
  r.partition = "cpu";
  const SlurmJobDesc d = make_job_desc(test::script_launch("t-1", r, "true", "/tmp"), o);
  EXPECT_EQ(d.environment, std::vector<std::string>{"SA_JOB_TAG=t-1"});
}

TEST(SlurmJobDesc, ExtraDirectivesAreApplied) {
  JobRequest r;
  r.partition = "cpu";
  r.extra_directives = {"--constraint=ib",     "--exclusive", "-L lic:2",
                        "--reservation maint", "--requeue",   "--gpu-bind=closest"};
  const SlurmJobDesc d = make_job_desc(test::script_launch("t-2", r, "true", "/tmp"), {});
  EXPECT_EQ(d.features, "ib");
  EXPECT_EQ(d.tres_bind, "gpu:closest");
  EXPECT_TRUE(d.exclusive);
  EXPECT_EQ(d.licenses, "lic:2");
  EXPECT_EQ(d.reservation, "maint");
  EXPECT_EQ(d.requeue, true);
}

TEST(SlurmJobDesc, UnsupportedExtraDirectiveIsRefusedByName) {
  JobRequest r;
  r.partition = "cpu";
  r.extra_directives = {"--mail-type=END"};
  try {
    make_job_desc(test::script_launch("t-3", r, "true", "/tmp"), {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Config);
    EXPECT_NE(std::string(e.what()).find("--mail-type"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("partition cpu"), std::string::npos) << e.what();
  }
}

TEST(SlurmJobDesc, HeaderThatDisagreesWithTheRequestIsRefused) {
  JobRequest r;
  r.partition = "cpu";
  r.memory_bytes = 200ull << 20;
  JobLaunch l = test::script_launch("t-4", r, "true", "/tmp");
  const auto at = l.script.find("--mem=200M");
  ASSERT_NE(at, std::string::npos);
  l.script.replace(at, 10, "--mem=300M");
  try {
    make_job_desc(l, {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Config);
    EXPECT_NE(std::string(e.what()).find("memory_mb: 200 vs 300"), std::string::npos) << e.what();
  }
  // A template's own #SBATCH line the backend cannot pass on.
  JobLaunch t = test::script_launch("t-5", r, "true", "/tmp");
  t.script.insert(t.script.find('\n') + 1, "#SBATCH --gpus-per-task=1\n");
  EXPECT_THROW(make_job_desc(t, {}), Error);
}

TEST(SlurmJobDesc, TmpOnlyWhereTheHeaderAsksForIt) {
  JobRequest r;
  r.partition = "cpu";
  r.tmp_bytes = 5ull << 30;
  // The renderer writes --tmp only for partitions whose nodes declare TmpDisk (tmp_per_node > 0).
  EXPECT_EQ(make_job_desc(test::script_launch("t-6", r, "true", "/tmp"), {}).tmp_disk_mb, 0u);
  JobLaunch l = test::script_launch("t-7", r, "true", "/tmp");
  Partition p;
  p.name = "cpu";
  p.tmp_per_node = 1ull << 40;
  l.script = "#!/bin/bash\n" + sbatch_directives(r, {l.tag, l.comment, "", "", "", l.workdir, l.log}, p) + "\ntrue\n";
  EXPECT_EQ(make_job_desc(l, {}).tmp_disk_mb, 5120u);
}

TEST(SlurmJobDesc, HeaderOptionForms) {
  SlurmJobDesc d;
  apply_sbatch_arguments(d, {"-n", "4", "-c2", "--time=1-00:00:00", "--mem=2G", "-J", "x y", "--gres=gpu:1,mps:10"});
  EXPECT_EQ(d.ntasks, 4);
  EXPECT_EQ(d.cpus_per_task, 2);
  EXPECT_EQ(d.time_limit_minutes, 1440);
  EXPECT_EQ(d.memory_mb, 2048u);
  EXPECT_EQ(d.name, "x y");
  EXPECT_EQ(d.tres_per_node, "gres:gpu:1,gres:mps:10");
  apply_sbatch_option(d, "--signal", "USR2@30");
  EXPECT_EQ(d.warn_signal, SIGUSR2);
  EXPECT_EQ(d.warn_seconds, 30);
  EXPECT_FALSE(d.warn_batch_only);
  EXPECT_THROW(apply_sbatch_option(d, "--mem", "lots"), Error);
  EXPECT_THROW(apply_sbatch_option(d, "--exclusive", "user"), Error);
  EXPECT_THROW(apply_sbatch_arguments(d, {"--nodes"}), Error);
  EXPECT_EQ(first_difference(d, d), "");
}

}  // namespace
}  // namespace sa::adapter
