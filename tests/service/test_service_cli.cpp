// `sealadapter serve` on loopback driven by the CLI through SEALADAPTER_API_INFO, as an operator on the
// miner host would: submit, status, cancel and result with write tokens; read tokens cannot submit; no
// token cannot read; bad requests over HTTP are refused without harm; SIGTERM stops it cleanly.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/run_process.hpp"
#include "support/service_process.hpp"
#include "support/temp_dir.hpp"

namespace sa {
namespace {

const std::string kBin = std::string(SA_BINARY_DIR) + "/bin/sealadapter";

class ServeCli : public ::testing::Test {
 protected:
  void SetUp() override {
    addr_ = service_.start();
    ASSERT_FALSE(addr_.empty()) << test::file_text(service_.log());
    port_ = std::stoi(addr_.substr(addr_.find("/tcp/") + 5));
  }

  test::ProcessResult sa(std::vector<std::string> args, const std::string& api_info) {
    args.insert(args.begin(), kBin);
    // Another home: the CLI must reach the service through the API, not the state directory.
    return test::run_process(args, {{"SEALADAPTER_HOME", (home_ / "cli").string()}, {"SEALADAPTER_SITE", ""},
                                    {"SEALADAPTER_API_INFO", api_info}});
  }
  std::string api_info(const std::string& perm) {
    auto r = test::run_process({kBin, "auth", "api-info", "--perm", perm},
                               {{"SEALADAPTER_HOME", home_.path().string()}, {"SEALADAPTER_SITE", ""}});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("SEALADAPTER_API_INFO=", 0), 0u) << r.out;
    std::string v = r.out.substr(r.out.find('=') + 1);
    while (!v.empty() && v.back() == '\n') v.pop_back();
    return v;
  }
  nlohmann::json status(const std::string& info) {
    auto r = sa({"status", "--json"}, info);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }
  std::string wait_state(const std::string& info, int task, const std::set<std::string>& states, double seconds) {
    auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    std::string state;
    while (std::chrono::steady_clock::now() < until) {
      for (const auto& t : status(info)) {
        if (t["id"] == task) state = t["state"];
      }
      if (states.count(state)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return state;
  }

  test::TempDir home_;
  test::ServiceProcess service_{kBin, home_.path()};
  std::string addr_;
  int port_ = 0;
};

TEST_F(ServeCli, WriteTokenSubmitsStatusShowsResultReadsCancelStops) {
  const std::string w = api_info("write");
  auto r = sa({"submit", "--task", "AP", "--sector", "1", "--sector-size", "2KiB"}, w);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(wait_state(w, 1, {"done", "failed"}, 60), "done");
  r = sa({"result", "1", "--json"}, w);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto res = nlohmann::json::parse(r.out);
  // The zero piece of a 2KiB sector (Filecoin's well-known CommD of 2KiB of zeros).
  EXPECT_EQ(res["outputs"]["comm_d"]["cid"], "baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy");

  // A 512MiB CC AddPiece runs long enough to be cancelled while queued or running.
  r = sa({"submit", "--task", "AP", "--sector", "2", "--sector-size", "512MiB"}, w);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = sa({"cancel", "2"}, w);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(wait_state(w, 2, {"cancelled"}, 30), "cancelled");
  // The job is killed; its attempt ends at the engine's next cycle, and then nothing is active.
  for (int i = 0; i < 150; ++i) {
    r = sa({"jobs", "--json"}, w);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    if (nlohmann::json::parse(r.out).empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_TRUE(nlohmann::json::parse(r.out).empty()) << r.out;

  r = sa({"workers"}, api_info("read"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("local"), std::string::npos) << r.out;
}

TEST_F(ServeCli, ReadCannotSubmitAndNoTokenCannotRead) {
  const std::string read = api_info("read");
  auto r = sa({"submit", "--task", "AP", "--sector", "1", "--sector-size", "2KiB"}, read);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("needs the write permission"), std::string::npos) << r.err;
  EXPECT_TRUE(status(read).empty());
  r = sa({"cancel", "1"}, read);
  EXPECT_EQ(r.exit_code, 2) << r.err;

  const std::string none = addr_;  // the address without a token
  r = sa({"status"}, none);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("needs a token"), std::string::npos) << r.err;
  const std::string forged = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJBbGxvdyI6WyJhZG1pbiJdfQ.c2lnbmF0dXJl:" + addr_;
  r = sa({"status"}, forged);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not valid"), std::string::npos) << r.err;
}

TEST_F(ServeCli, BadRequestsOverHttpAreRefusedAndTheServiceLivesOn) {
  const std::string w = api_info("write");
  const std::string token = w.substr(0, w.find(':'));
  httplib::Client cli("127.0.0.1", port_);
  httplib::Headers auth = {{"Authorization", "Bearer " + token}};
  auto post = [&](const std::string& body) {
    auto res = cli.Post("/rpc/v0", auth, body, "application/json");
    return res ? std::make_pair(res->status, res->body) : std::make_pair(0, std::string());
  };
  auto [s1, b1] = post("{not json");
  EXPECT_EQ(s1, 200);
  EXPECT_NE(b1.find("-32700"), std::string::npos) << b1;
  auto [s2, b2] = post(std::string(5u << 20, '['));  // larger than the 4 MiB limit
  EXPECT_TRUE(s2 == 413 || b2.find("-32002") != std::string::npos) << s2 << " " << b2.substr(0, 200);
  auto [s3, b3] = post(R"({"jsonrpc":"2.0","id":3,"method":"Sealadapter.Submit","params":[{"task":"AP","sector":{"miner":1000,"number":-4}}]})");
  EXPECT_NE(b3.find("-32602"), std::string::npos) << b3;
  auto [s4, b4] = post(R"({"jsonrpc":"2.0","id":4,"method":"Sealadapter.Result","params":[424242]})");
  EXPECT_NE(b4.find("no task 424242"), std::string::npos) << b4;
  EXPECT_TRUE(service_.running());
  EXPECT_TRUE(status(w).empty());
}

TEST_F(ServeCli, SigtermStopsCleanlyAndARestartKeepsTheTasks) {
  const std::string w = api_info("write");
  ASSERT_EQ(sa({"submit", "--task", "AP", "--sector", "3", "--sector-size", "2KiB"}, w).exit_code, 0);
  EXPECT_EQ(wait_state(w, 1, {"done"}, 60), "done");
  EXPECT_EQ(service_.kill(SIGTERM), 0);
  std::string log = test::file_text(service_.log());
  EXPECT_NE(log.find("event=stopping signal=SIGTERM"), std::string::npos) << log;
  EXPECT_NE(log.find("event=stopped"), std::string::npos) << log;
  EXPECT_NE(log.find("level=info event=listening"), std::string::npos) << log;
  ASSERT_FALSE(service_.start().empty());
  auto tasks = status(api_info("read"));  // the secret persists, so tokens made before still work
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0]["state"], "done");
}

}  // namespace
}  // namespace sa
