// The C2 prover in the site file: an argument vector per partition, the parameter cache, and which
// partitions then serve C2 (choose_partition and map_task refuse C2 where there is no prover).
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "config/site_config.hpp"
#include "mapping/job_request.hpp"

namespace sa::adapter {
namespace {

const std::string kHead = "state_dir = \"/s\"\nbackend = \"slurm\"\nparameter_cache = \"/p/site\"\n";
const std::string kCpu = "[[partition]]\nname = \"cpu\"\ncpus_per_node = 2\nmemory_per_node = \"8GiB\"\n";
const std::string kGpu = "[[partition]]\nname = \"gpu\"\ncpus_per_node = 2\nmemory_per_node = \"8GiB\"\ngpus_per_node = 1\n"
                         "tasks = [\"PC2\", \"C2\"]\n";

SiteConfig parse(const std::string& text) { return parse_site(text, "test.toml", "/base"); }

std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(SiteProver, APartitionRunsC2OnlyWithAProver) {
  auto site = parse(kHead + kCpu + kGpu + "prover = [\"lotus-bench\", \"prove\", \"--miner-addr\", \"t0{miner}\", \"{input}\"]\n"
                    "parameter_cache = \"params\"\n");
  const Partition& cpu = *site.find_partition("cpu");
  const Partition& gpu = *site.find_partition("gpu");
  EXPECT_TRUE(cpu.tasks.count(TaskType::Commit2)) << "lotus-worker's defaults accept C2";
  EXPECT_FALSE(cpu.serves(TaskType::Commit2)) << "but without a prover it does not run there";
  EXPECT_TRUE(gpu.serves(TaskType::Commit2));
  EXPECT_EQ(gpu.prover.size(), 5u);
  EXPECT_EQ(gpu.parameter_cache, "/base/params");
  EXPECT_EQ(site.parameter_cache, "/p/site");
  EXPECT_TRUE(site.serves(TaskType::Commit2));

  const auto table = ResourceTable::lotus_default();
  TaskSpec c2{TaskType::Commit2, *params::seal_proof_from_id(5)};
  EXPECT_EQ(choose_partition(c2, table, site).name, "gpu");
  EXPECT_THROW(map_task(c2, table, cpu, site), Error);
  try {
    choose_partition(c2, table, site, "cpu");
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("accepts C2 but has no 'prover'"), std::string::npos) << e.what();
  }
}

TEST(SiteProver, WithoutAnyProverC2IsRefusedWithWhatToDo) {
  auto site = parse(kHead + kCpu + kGpu);
  EXPECT_FALSE(site.serves(TaskType::Commit2));
  EXPECT_TRUE(site.serves(TaskType::PreCommit2));
  try {
    choose_partition({TaskType::Commit2, *params::seal_proof_from_id(5)}, ResourceTable::lotus_default(), site);
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("no partition runs C2: give a partition that accepts C2 a 'prover'"),
              std::string::npos)
        << e.what();
  }
}

TEST(SiteProver, UnusableProversAreRefusedAtTheirLine) {
  EXPECT_NE(error_of(kHead + kGpu + "prover = \"lotus-bench prove {input}\"\n").find("test.toml:10: 'prover' in partition 'gpu' must be a list"),
            std::string::npos)
      << error_of(kHead + kGpu + "prover = \"lotus-bench prove {input}\"\n");
  EXPECT_NE(error_of(kHead + kGpu + "prover = [\"lotus-bench\", \"prove\"]\n").find("no argument names {input}"),
            std::string::npos);
  EXPECT_NE(error_of(kHead + kGpu + "prover = [\"p\", \"{input}\", \"{gpu}\"]\n").find("unknown placeholder {gpu}"),
            std::string::npos);
  EXPECT_NE(error_of(kHead + kGpu + "prover = []\n").find("needs a program"), std::string::npos);
  EXPECT_NE(error_of(kHead + kCpu + "tasks = [\"PC1\"]\nprover = [\"p\", \"{input}\"]\n").find("does not accept C2"),
            std::string::npos);
}

}  // namespace
}  // namespace sa::adapter
