// `seal` on a sector that exists: the same inputs continue it (or report a finished one, whose proofs
// Finalize removed), other pieces, ticket or seed are refused up front with one line and touch nothing.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

namespace sa {
namespace {

const std::string kBin = std::string(SA_BINARY_DIR) + "/bin/sealadapter";
const std::string kTicket = std::string(64, '7');
const std::string kSeed = std::string(64, '9');

class SealAgain : public ::testing::Test {
 protected:
  test::ProcessResult sa(std::vector<std::string> args) {
    args.insert(args.begin(), kBin);
    return test::run_process(args, {{"SEALADAPTER_HOME", home_.path().string()}, {"SEALADAPTER_SITE", ""}});
  }
  test::ProcessResult seal(std::vector<std::string> more = {}) {
    std::vector<std::string> args = {"seal", "--sector-size", "2KiB", "--sector", "1", "--json"};
    args.insert(args.end(), more.begin(), more.end());
    return sa(args);
  }
  std::string bytes_of(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  test::TempDir home_;
};

void expect_one_line_usage_error(const test::ProcessResult& r, const std::vector<std::string>& needles) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
  for (const auto& n : needles) EXPECT_NE(r.err.find(n), std::string::npos) << "missing \"" << n << "\" in " << r.err;
  EXPECT_TRUE(r.out.empty()) << "nothing reported as if it ran: " << r.out;
}

TEST_F(SealAgain, OtherDataTicketOrSeedForASealedSectorIsRefusedAndTouchesNothing) {
  auto first = seal({"--ticket", kTicket, "--seed", kSeed});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto j = nlohmann::json::parse(first.out)[0];
  ASSERT_EQ(j["state"], "done");
  const auto sealed = home_ / "storage" / "sealed" / "s-t01000-1";
  const std::string sealed_bytes = bytes_of(sealed);
  ASSERT_FALSE(sealed_bytes.empty());
  const std::string status_before = sa({"status", "--json"}).out;

  const auto deal = home_ / "deal.bin";
  std::ofstream(deal) << std::string(1000, 'x');
  expect_one_line_usage_error(seal({"--data", deal.string()}),
                              {"sector 1000/1", "no pieces (a CC sector)", deal.string(), "another sector", "nothing was run"});
  expect_one_line_usage_error(seal({"--ticket", std::string(64, '1')}), {"sector 1000/1", "ticket", kTicket});
  expect_one_line_usage_error(seal({"--seed", std::string(64, '2')}), {"sector 1000/1", "seed", kSeed});
  // The same sector with another count: sector 2 is new, sector 1 still refuses, and neither runs.
  expect_one_line_usage_error(seal({"--count", "2", "--data", deal.string()}), {"sector 1000/1"});

  EXPECT_EQ(bytes_of(sealed), sealed_bytes);
  auto status_after = nlohmann::json::parse(sa({"status", "--json"}).out);
  EXPECT_EQ(status_after, nlohmann::json::parse(status_before)) << "no task was added or changed";
}

TEST_F(SealAgain, AFinishedSectorSealedAgainReportsItsEarlierResult) {
  auto first = seal({"--ticket", kTicket, "--seed", kSeed});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto j1 = nlohmann::json::parse(first.out)[0];
  ASSERT_EQ(j1["state"], "done");
  ASSERT_TRUE(j1["verified"].get<bool>());
  // Without --ticket/--seed it continues with the stored ones; with the same ones too.
  for (auto more : {std::vector<std::string>{}, std::vector<std::string>{"--ticket", kTicket, "--seed", kSeed}}) {
    auto again = seal(more);
    ASSERT_EQ(again.exit_code, 0) << again.err;
    const auto j2 = nlohmann::json::parse(again.out)[0];
    EXPECT_EQ(j2["state"], "done") << j2.dump();
    EXPECT_TRUE(j2["verified"].get<bool>()) << j2.dump();
    EXPECT_EQ(j2["verify"]["earlier"], true);
    EXPECT_EQ(j2["comm_r"], j1["comm_r"]);
    EXPECT_EQ(j2["comm_d"], j1["comm_d"]);
    for (const char* stage : {"AP", "PC1", "PC2", "C1", "FIN"}) {
      EXPECT_EQ(j2["stages"][stage]["job"], j1["stages"][stage]["job"]) << stage << " ran again";
      EXPECT_EQ(j2["stages"][stage]["attempts"], 1) << stage;
    }
  }
}

TEST_F(SealAgain, SubmitWithOtherPiecesThanTheTaskHasIsRefused) {
  ASSERT_EQ(sa({"submit", "--task", "AP", "--sector", "3", "--sector-size", "2KiB"}).exit_code, 0);
  const auto deal = home_ / "deal.bin";
  std::ofstream(deal) << std::string(100, 'y');
  auto r = sa({"submit", "--task", "AP", "--sector", "3", "--sector-size", "2KiB", "--data", deal.string()});
  expect_one_line_usage_error(r, {"sector 1000/3", "no pieces (a CC sector)", deal.string()});
  auto st = nlohmann::json::parse(sa({"status", "--json"}).out);
  ASSERT_EQ(st.size(), 1u);
  EXPECT_EQ(st[0]["inputs"]["pieces"], nlohmann::json::array());
}

}  // namespace
}  // namespace sa
