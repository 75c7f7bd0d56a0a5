// Env overrides: the cases of Lotus's storiface/resources_test.go (lotus.md §2.2-§2.3), precedence, and the
// errors sealadapter raises where Lotus silently stores 0.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include "base/error.hpp"
#include "model/resource_overrides.hpp"

namespace sa::adapter {
namespace {

using params::SealProof;

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

ResourceTable with(std::map<std::string, std::string> vars) {
  return apply_resource_overrides(ResourceTable::lotus_default(), env_of(std::move(vars)));
}

// Ids of one size across V1, V1_1 and SyntheticPoRep: an override of that size applies to all three.
constexpr std::int64_t k2K[] = {0, 5, 10};

TEST(ResourceOverrides, NoEnvironmentLeavesTheTableUnchanged) {
  const auto defaults = ResourceTable::lotus_default();
  EXPECT_EQ(apply_resource_overrides(defaults, env_of({})).entries(), defaults.entries());
}

TEST(ResourceOverrides, SizedNamesFromLotusTests) {
  const auto t = with({{"UNS_2K_MAX_PARALLELISM", "2"},
                       {"PC2_2K_GPU_UTILIZATION", "0.4"},
                       {"PC2_2K_MAX_MEMORY", "2222"}});
  for (std::int64_t id : k2K) {
    EXPECT_EQ(t.get(TaskType::Unseal, SealProof{id}).max_parallelism, 2);
    EXPECT_EQ(t.get(TaskType::PreCommit2, SealProof{id}).gpu_utilization, 0.4);
    EXPECT_EQ(t.get(TaskType::PreCommit2, SealProof{id}).max_memory, 2222u);
  }
  EXPECT_EQ(t.get(TaskType::Unseal, SealProof{1}).max_parallelism, 1);  // 8 MiB untouched
  EXPECT_EQ(t.get(TaskType::PreCommit1, SealProof{0}).max_parallelism, 1);  // PC1 untouched
  EXPECT_EQ(t.get(TaskType::PreCommit2, SealProof{0}).min_memory, 2048u);
}

TEST(ResourceOverrides, UnsizedNameAppliesToEverySize) {
  const auto t = with({{"UNS_MAX_PARALLELISM", "2"}});
  for (std::int64_t id = 0; id <= 14; ++id) EXPECT_EQ(t.get(TaskType::Unseal, SealProof{id}).max_parallelism, 2);
  EXPECT_EQ(t.get(TaskType::PreCommit1, SealProof{8}).max_parallelism, 1);
}

TEST(ResourceOverrides, SizedBeatsUnsizedIncludingDataCid) {
  const auto t = with({{"DC_MAX_PARALLELISM", "2"}, {"DC_64G_MAX_PARALLELISM", "1"}});
  for (std::int64_t id = 0; id <= 14; ++id) {
    const int want = SealProof{id}.size() == params::SectorSize::S64GiB ? 1 : 2;
    EXPECT_EQ(t.get(TaskType::DataCid, SealProof{id}).max_parallelism, want) << id;
  }
}

TEST(ResourceOverrides, MulticoreSdrGivesPc1AndUnsFourThreads) {
  const auto t = with({{"FIL_PROOFS_USE_MULTICORE_SDR", "1"}});
  for (std::int64_t id = 0; id <= 14; ++id) {
    EXPECT_EQ(t.get(TaskType::PreCommit1, SealProof{id}).max_parallelism, 4);
    EXPECT_EQ(t.get(TaskType::Unseal, SealProof{id}).max_parallelism, 4);
    EXPECT_EQ(t.get(TaskType::AddPiece, SealProof{id}).max_parallelism, 1);  // only PC1/UNS
  }
}

TEST(ResourceOverrides, MulticoreSdrProducers) {
  const auto t = with({{"FIL_PROOFS_USE_MULTICORE_SDR", "1"}, {"FIL_PROOFS_MULTICORE_SDR_PRODUCERS", "9000"}});
  EXPECT_EQ(t.get(TaskType::PreCommit1, SealProof{8}).max_parallelism, 9001);
  EXPECT_EQ(t.get(TaskType::Unseal, SealProof{0}).max_parallelism, 9001);
  // PRODUCERS alone does nothing: the switch must be exactly "1".
  EXPECT_EQ(with({{"FIL_PROOFS_MULTICORE_SDR_PRODUCERS", "9000"}}).get(TaskType::PreCommit1, SealProof{8})
                .max_parallelism, 1);
  EXPECT_EQ(with({{"FIL_PROOFS_USE_MULTICORE_SDR", "true"}}).get(TaskType::PreCommit1, SealProof{8})
                .max_parallelism, 1);
}

TEST(ResourceOverrides, ExplicitParallelismBeatsMulticoreSdr) {
  const auto t = with({{"FIL_PROOFS_USE_MULTICORE_SDR", "1"},
                       {"PC1_MAX_PARALLELISM", "2"},
                       {"UNS_32G_MAX_PARALLELISM", "7"}});
  EXPECT_EQ(t.get(TaskType::PreCommit1, SealProof{8}).max_parallelism, 2);
  EXPECT_EQ(t.get(TaskType::Unseal, SealProof{8}).max_parallelism, 7);
  EXPECT_EQ(t.get(TaskType::Unseal, SealProof{9}).max_parallelism, 4);  // 64G: falls to the SDR rule
}

TEST(ResourceOverrides, EveryFieldCanBeSet) {
  const auto t = with({{"C2_32G_MIN_MEMORY", "1"},
                       {"C2_32G_MAX_MEMORY", "2"},
                       {"C2_32G_GPU_UTILIZATION", "0.5"},
                       {"C2_32G_MAX_PARALLELISM", "3"},
                       {"C2_32G_MAX_PARALLELISM_GPU", "-1"},
                       {"C2_32G_BASE_MIN_MEMORY", "5"},
                       {"C2_32G_MAX_CONCURRENT", "6"}});
  const Resources r = t.get(TaskType::Commit2, SealProof{8});
  EXPECT_EQ(r.min_memory, 1u);
  EXPECT_EQ(r.max_memory, 2u);
  EXPECT_EQ(r.gpu_utilization, 0.5);
  EXPECT_EQ(r.max_parallelism, 3);
  EXPECT_EQ(r.max_parallelism_gpu, -1);
  EXPECT_EQ(r.base_min_memory, 5u);
  EXPECT_EQ(r.max_concurrent, 6);
}

TEST(ResourceOverrides, TablelessTypesAreNeverConsulted) {
  const auto t = with({{"FIN_MAX_CONCURRENT", "3"}, {"FIN_32G_MIN_MEMORY", "junk"}});  // junk not even read
  EXPECT_FALSE(t.has(TaskType::Finalize, SealProof{8}));
}

void expect_config_error(std::map<std::string, std::string> vars, const std::string& name,
                         const std::string& value) {
  try {
    with(std::move(vars));
    ADD_FAILURE() << "no error for " << name << "=" << value;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Config);
    const std::string msg = e.what();
    EXPECT_NE(msg.find(name), std::string::npos) << msg;
    EXPECT_NE(msg.find("\"" + value + "\""), std::string::npos) << msg;
  }
}

TEST(ResourceOverrides, MalformedValuesAreConfigErrorsNamingVariableAndValue) {
  const std::pair<std::string, std::string> cases[] = {
      {"PC1_32G_MIN_MEMORY", "64GiB"},               // unit suffix
      {"PC1_32G_MAX_MEMORY", "-1"},                  // negative uint64
      {"PC1_BASE_MIN_MEMORY", ""},                   // empty
      {"C2_64G_MAX_MEMORY", "18446744073709551616"}, // overflow
      {"AP_MIN_MEMORY", "12abc"},                    // trailing junk
      {"PC2_GPU_UTILIZATION", "abc"},                // non-numeric float
      {"PC2_32G_GPU_UTILIZATION", "-0.5"},           // negative GPUs
      {"PC2_GPU_UTILIZATION", "nan"},
      {"C2_MAX_PARALLELISM", "x"},                   // int
      {"C2_MAX_PARALLELISM", "-2"},                  // only -1 has a meaning
      {"C2_MAX_PARALLELISM_GPU", "2147483648"},      // int overflow
      {"GET_MAX_CONCURRENT", "-1"},
      {"GET_32G_MAX_CONCURRENT", "1.5"},
  };
  for (const auto& [name, value] : cases) expect_config_error({{name, value}}, name, value);
  expect_config_error({{"FIL_PROOFS_USE_MULTICORE_SDR", "1"}, {"FIL_PROOFS_MULTICORE_SDR_PRODUCERS", "three"}},
                      "FIL_PROOFS_MULTICORE_SDR_PRODUCERS", "three");
  expect_config_error({{"FIL_PROOFS_USE_MULTICORE_SDR", "1"}, {"FIL_PROOFS_MULTICORE_SDR_PRODUCERS", "-3"}},
                      "FIL_PROOFS_MULTICORE_SDR_PRODUCERS", "-3");
}

TEST(ResourceOverrides, EnvNamesCoverSizedAndUnsizedForTableTypesOnly) {
  const auto names = resource_env_names(ResourceTable::lotus_default());
  EXPECT_EQ(names.size(), 12u * 6u * 7u);  // 12 table types x (5 sizes + unsized) x 7 fields
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  for (const char* want : {"PC1_32G_MAX_MEMORY", "UNS_MAX_PARALLELISM", "DC_64G_MAX_PARALLELISM",
                           "GET_MAX_CONCURRENT", "PR2_512M_BASE_MIN_MEMORY", "GSK_2K_GPU_UTILIZATION"}) {
    EXPECT_TRUE(std::binary_search(names.begin(), names.end(), want)) << want;
  }
  EXPECT_FALSE(std::binary_search(names.begin(), names.end(), std::string("FIN_MAX_CONCURRENT")));
  EXPECT_FALSE(std::binary_search(names.begin(), names.end(), std::string("WDP_MAX_CONCURRENT")));
}

TEST(ResourceOverrides, ProcessEnvReadsTheRealEnvironment) {
  ::setenv("SA_TEST_RESOURCE_OVERRIDE_PROBE", "x y", 1);
  EXPECT_EQ(process_env()("SA_TEST_RESOURCE_OVERRIDE_PROBE"), std::optional<std::string>("x y"));
  ::unsetenv("SA_TEST_RESOURCE_OVERRIDE_PROBE");
  EXPECT_EQ(process_env()("SA_TEST_RESOURCE_OVERRIDE_PROBE"), std::nullopt);
}

}  // namespace
}  // namespace sa::adapter
