// `sealadapter seal` on a local site with a prover (the test double): C2 runs after verify and before
// Finalize, and each sector's proof is printed in hex with its time; without parameters the sector fails
// at C2 with the missing file named, and nothing waits.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "support/run_process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_parameters.hpp"

namespace sa {
namespace {

const std::string kBin = std::string(SA_BINARY_DIR) + "/bin/sealadapter";

class SealC2 : public ::testing::Test {
 protected:
  SealC2() {
    test::write_test_parameters(home_ / "params", params::SectorSize::S2KiB);
    std::ofstream(site_) << "backend = \"local\"\nstate_dir = \"" << home_.path().string() << "\"\nparameter_cache = \""
                         << (home_ / "params").string() << "\"\n[[partition]]\nname = \"local\"\ncpus_per_node = \"auto\"\n"
                         << "memory_per_node = \"auto\"\nlauncher = \"mpirun\"\nprover = [\"" << SA_TEST_PROVER
                         << "\", \"{input}\"]\n";
  }
  test::ProcessResult sa(std::vector<std::string> args) {
    args.insert(args.begin(), kBin);
    return test::run_process(args, {{"SEALADAPTER_HOME", home_.path().string()}, {"SEALADAPTER_SITE", site_.string()}});
  }
  test::TempDir home_;
  std::filesystem::path site_ = home_ / "site.toml";
};

TEST_F(SealC2, SealRunsC2AndPrintsEachProof) {
  auto r = sa({"seal", "--sector-size", "2KiB", "--count", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find(" C2 "), std::string::npos) << "a C2 column: " << r.out;
  for (const char* s : {"sector 1: proof (192 bytes, ", "sector 2: proof (192 bytes, "}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << r.out;
  }
  auto j = sa({"seal", "--sector-size", "2KiB", "--sector", "1", "--json"});
  ASSERT_EQ(j.exit_code, 0) << j.err;
  auto doc = nlohmann::json::parse(j.out)[0];
  EXPECT_EQ(doc["proof"]["bytes"], 192);
  EXPECT_EQ(doc["proof"]["hex"].get<std::string>().size(), 384u);
  EXPECT_EQ(doc["stages"]["C2"]["state"], "done");
  EXPECT_EQ(doc["stages"]["FIN"]["state"], "done") << "Finalize after C2";
}

TEST_F(SealC2, WithoutParametersTheSectorFailsAtC2NamingTheFile) {
  std::filesystem::remove_all(home_ / "params");
  auto r = sa({"seal", "--sector-size", "2KiB", "--json"});
  EXPECT_NE(r.exit_code, 0);
  auto doc = nlohmann::json::parse(r.out)[0];
  EXPECT_EQ(doc["stages"]["C2"]["state"], "failed");
  EXPECT_NE(doc["error"].get<std::string>().find(".params is missing"), std::string::npos) << doc["error"];
  EXPECT_FALSE(doc["stages"].contains("FIN")) << "not finalized without a proof";
}

}  // namespace
}  // namespace sa
