// `sealadapter export commit1`: a sealed (and finalized) sector's Commit1Out as lotus-bench prove's and
// cuzk's C2 input envelope, with Go's field order; clear errors for sectors without a usable C1.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "filecoin/precommit1_out.hpp"
#include "lotus/lotus_json.hpp"
#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

namespace sa {
namespace {

const std::string kBin = std::string(SA_BINARY_DIR) + "/bin/sealadapter";

class Export : public ::testing::Test {
 protected:
  test::ProcessResult sa(std::vector<std::string> args) {
    args.insert(args.begin(), kBin);
    return test::run_process(args, {{"SEALADAPTER_HOME", home_.path().string()}, {"SEALADAPTER_SITE", ""}});
  }
  test::TempDir home_;
};

std::string hex_of(const nlohmann::json& bytes) {
  std::string out;
  for (const auto& b : bytes) {
    char h[3];
    std::snprintf(h, sizeof h, "%02x", b.get<unsigned>());
    out += h;
  }
  return out;
}

TEST_F(Export, ASealedSectorsCommit1OutBecomesTheLotusBenchProveEnvelope) {
  auto seal = sa({"seal", "--sector-size", "2KiB", "--sector", "3", "--json"});
  ASSERT_EQ(seal.exit_code, 0) << seal.err;
  const auto sealed = nlohmann::json::parse(seal.out)[0];
  ASSERT_EQ(sealed["stages"]["FIN"]["state"], "done") << "exported after Finalize";

  const auto file = home_ / "c2in.json";
  auto r = sa({"export", "commit1", "--sector", "3", "--output", file.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("lotus-bench prove"), std::string::npos) << r.err;
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  const std::string envelope = text.str();
  EXPECT_EQ(envelope.rfind("{\"SectorNum\":3,\"Phase1Out\":\"", 0), 0u) << "Go's field order: " << envelope.substr(0, 60);
  const auto j = nlohmann::json::parse(envelope);
  EXPECT_EQ(j["SectorSize"], 2048);
  const auto c1 = nlohmann::json::parse(adapter::lotus::base64_decode(j["Phase1Out"].get<std::string>(), "Phase1Out"));
  EXPECT_EQ(c1["registered_proof"], "StackedDrg2KiBV1_1");
  EXPECT_EQ(hex_of(c1["comm_r"]), sealed["comm_r"]["hex"]);
  EXPECT_EQ(hex_of(c1["seed"]), sealed["seed"]);
  EXPECT_EQ(hex_of(c1["ticket"]), sealed["ticket"]);
  // To standard output, the same bytes.
  auto out = sa({"export", "commit1", "--sector", "3", "--output", "-"});
  ASSERT_EQ(out.exit_code, 0) << out.err;
  EXPECT_EQ(out.out, envelope);
}

TEST_F(Export, SectorsWithoutAUsableCommit1AreClearErrors) {
  auto none = sa({"export", "commit1", "--sector", "9", "--output", (home_ / "x.json").string()});
  EXPECT_EQ(none.exit_code, 2) << none.err;
  EXPECT_NE(none.err.find("sector 1000/9 has no C1 task"), std::string::npos) << none.err;
  EXPECT_FALSE(std::filesystem::exists(home_ / "x.json"));
  ASSERT_EQ(sa({"submit", "--task", "C1", "--sector", "9", "--sector-size", "2KiB"}).exit_code, 0);
  auto queued = sa({"export", "commit1", "--sector", "9", "--output", (home_ / "x.json").string()});
  EXPECT_EQ(queued.exit_code, 2);
  EXPECT_NE(queued.err.find("is queued, not done"), std::string::npos) << queued.err;
  EXPECT_EQ(sa({"export", "commit1", "--output", "-"}).exit_code, 2) << "--sector is required";
}

// PreCommit1Out as a real lotus-worker returns it, while the cache still holds the layers; after Finalize
// it is refused.
TEST_F(Export, APc1SectorsPreCommit1OutIsFilecoinsOwn) {
  const std::string ticket(64, 'a');
  ASSERT_EQ(sa({"submit", "--task", "AP", "--sector", "4", "--sector-size", "2KiB"}).exit_code, 0);
  ASSERT_EQ(sa({"run", "--quiet"}).exit_code, 0);
  ASSERT_EQ(sa({"submit", "--task", "PC1", "--sector", "4", "--sector-size", "2KiB", "--inputs",
                "{\"ticket\":\"" + ticket + "\"}"}).exit_code, 0);
  ASSERT_EQ(sa({"run", "--quiet"}).exit_code, 0);
  auto r = sa({"export", "precommit1", "--sector", "4", "--output", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("{\"_lotus_SealRandomness\":\"qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqo=\"", 0), 0u) << r.out;
  const auto doc = jobs::filecoin::read_precommit1_out(nlohmann::json::parse(r.out));
  EXPECT_EQ(doc.proof.id, 5);
  EXPECT_EQ(doc.sector, 4u);

  auto sealed = sa({"seal", "--sector-size", "2KiB", "--sector", "6"});
  ASSERT_EQ(sealed.exit_code, 0) << sealed.err;
  auto gone = sa({"export", "precommit1", "--sector", "6", "--output", "-"});
  EXPECT_EQ(gone.exit_code, 2);
  EXPECT_NE(gone.err.find("its layers are gone"), std::string::npos) << gone.err;
  EXPECT_NE(sa({"export", "precommit1", "--sector", "9", "--output", "-"}).err.find("has no PC1 task"), std::string::npos);
}

}  // namespace
}  // namespace sa
