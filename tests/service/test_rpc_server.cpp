// The JSON-RPC handler as the service runs it, without HTTP: every malformed or unauthorised request gets
// its JSON-RPC error and leaves the store as it was; permitted calls do what the CLI does.
#include <gtest/gtest.h>

#include <fstream>

#include "api/operations.hpp"
#include "service/rpc_server.hpp"
#include "service/sealadapter_methods.hpp"
#include "support/temp_dir.hpp"

namespace sa::adapter {
namespace {

class RpcHandler : public ::testing::Test {
 protected:
  RpcHandler()
      : site_(embedded_default_site(dir_.path())),
        store_(dir_ / "sa.db"),
        secret_(JwtSecret::from_bytes(std::string(32, 'k'))),
        ops_(store_, site_, Operations::Hooks{}),
        server_([this](const std::string& t) { return secret_.verify(t); }, 4096) {
    add_sealadapter_methods(server_, ops_, "test");
  }

  nlohmann::json call(const std::string& body, const std::string& auth) {
    return nlohmann::json::parse(server_.handle(body, auth));
  }
  nlohmann::json call(const std::string& method, const nlohmann::json& params, Permission p) {
    nlohmann::json req = {{"jsonrpc", "2.0"}, {"id", 7}, {"method", method}, {"params", params}};
    return call(req.dump(), "Bearer " + secret_.create_token(p));
  }
  static int code(const nlohmann::json& response) {
    return response.contains("error") ? response["error"]["code"].get<int>() : 0;
  }

  const nlohmann::json ap_ = {{"task", "AP"}, {"sector", {{"miner", 1000}, {"number", 1}}}, {"sector_size", "2KiB"}};
  test::TempDir dir_;
  SiteConfig site_;
  Store store_;
  JwtSecret secret_;
  Operations ops_;
  RpcServer server_;
};

TEST_F(RpcHandler, WritePermissionSubmitsAndReadPermissionReads) {
  auto r = call("Sealadapter.Submit", nlohmann::json::array({ap_}), Permission::Write);
  ASSERT_EQ(code(r), 0) << r.dump();
  EXPECT_EQ(r["id"], 7);
  EXPECT_EQ(r["result"]["created"], true);
  auto s = call("Sealadapter.Status", nlohmann::json::array({nlohmann::json::object()}), Permission::Read);
  ASSERT_EQ(code(s), 0) << s.dump();
  ASSERT_EQ(s["result"].size(), 1u);
  EXPECT_EQ(s["result"][0]["state"], "queued");
  // admin includes write
  EXPECT_EQ(code(call("Sealadapter.Cancel", nlohmann::json::array({r["result"]["id"]}), Permission::Admin)), 0);
  EXPECT_EQ(store_.task(r["result"]["id"].get<std::int64_t>())->state, TaskState::Cancelled);
}

// The same sector and task type is one task: asking again with the same inputs returns it, asking with
// other pieces is refused with what the sector holds, and the task stays as it was.
TEST_F(RpcHandler, ASecondAddPieceWithOtherPiecesIsRefusedNotReused) {
  auto first = call("Sealadapter.Submit", nlohmann::json::array({ap_}), Permission::Write);
  ASSERT_EQ(code(first), 0) << first.dump();
  auto same = call("Sealadapter.Submit", nlohmann::json::array({ap_}), Permission::Write);
  ASSERT_EQ(code(same), 0) << same.dump();
  EXPECT_EQ(same["result"]["created"], false);
  EXPECT_EQ(same["result"]["id"], first["result"]["id"]);

  const auto piece = dir_ / "deal.bin";
  std::ofstream(piece) << std::string(100, 'd');
  nlohmann::json with_data = ap_;
  with_data["data"] = {piece.string()};
  auto other = call("Sealadapter.Submit", nlohmann::json::array({with_data}), Permission::Write);
  ASSERT_NE(code(other), 0) << other.dump();
  const std::string msg = other["error"]["message"];
  EXPECT_NE(msg.find("sector 1000/1"), std::string::npos) << msg;
  EXPECT_NE(msg.find("no pieces (a CC sector)"), std::string::npos) << msg;
  EXPECT_NE(msg.find(piece.string()), std::string::npos) << msg;
  ASSERT_EQ(store_.tasks().size(), 1u);
  EXPECT_EQ(store_.tasks()[0].inputs["pieces"], nlohmann::json::array());

  nlohmann::json v1 = ap_;
  v1["proof"] = "V1";
  auto proof = call("Sealadapter.Submit", nlohmann::json::array({v1}), Permission::Write);
  ASSERT_NE(code(proof), 0);
  EXPECT_NE(proof["error"]["message"].get<std::string>().find("proof type"), std::string::npos) << proof.dump();
}

TEST_F(RpcHandler, TooLowPermissionMissingOrForeignTokenChangeNothing) {
  EXPECT_EQ(code(call("Sealadapter.Submit", nlohmann::json::array({ap_}), Permission::Read)), kUnauthorized);
  nlohmann::json req = {{"jsonrpc", "2.0"}, {"id", 1}, {"method", "Sealadapter.Status"}, {"params", nlohmann::json::array()}};
  EXPECT_EQ(code(call(req.dump(), "")), kUnauthorized);
  EXPECT_EQ(code(call(req.dump(), "Bearer not-a-jwt")), kUnauthorized);
  auto foreign = JwtSecret::from_bytes(std::string(32, 'x')).create_token(Permission::Admin);
  EXPECT_EQ(code(call(req.dump(), "Bearer " + foreign)), kUnauthorized);
  req["method"] = "Sealadapter.Submit";
  req["params"] = nlohmann::json::array({ap_});
  EXPECT_EQ(code(call(req.dump(), "Basic " + secret_.create_token(Permission::Admin))), kUnauthorized);
  EXPECT_TRUE(store_.tasks().empty());
}

TEST_F(RpcHandler, MalformedRequestsGetPreciseErrorsAndTouchNothing) {
  const std::string admin = "Bearer " + secret_.create_token(Permission::Admin);
  EXPECT_EQ(code(call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":", admin)), kParseError);
  EXPECT_EQ(code(call("[1,2]", admin)), kInvalidRequest);
  EXPECT_EQ(code(call("{\"id\":1,\"method\":\"Sealadapter.Status\"}", admin)), kInvalidRequest);
  EXPECT_EQ(code(call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Sealadapter.Nope\"}", admin)), kMethodNotFound);
  EXPECT_EQ(code(call(std::string(5000, ' '), admin)), kRequestTooLarge);
  std::string deep = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Sealadapter.Submit\",\"params\":" + std::string(1000, '[') +
                     std::string(1000, ']') + "}";
  EXPECT_NE(code(call(deep, admin)), 0);
  // Wrong types and unknown things, each named in the message.
  auto r = call("Sealadapter.Submit", nlohmann::json::array({"AP"}), Permission::Admin);
  EXPECT_EQ(code(r), kInvalidParams) << r.dump();
  r = call("Sealadapter.Submit", nlohmann::json::array({{{"task", "XX"}, {"sector", {{"miner", 1}, {"number", 1}}}}}), Permission::Admin);
  EXPECT_EQ(code(r), kInvalidParams);
  EXPECT_NE(r["error"]["message"].get<std::string>().find("XX"), std::string::npos) << r.dump();
  r = call("Sealadapter.Submit", nlohmann::json::array({{{"task", "AP"}, {"sector", {{"miner", "a"}, {"number", 1}}}, {"sector_size", "2KiB"}}}),
           Permission::Admin);
  EXPECT_EQ(code(r), kInvalidParams) << r.dump();
  EXPECT_EQ(code(call("Sealadapter.Submit", nlohmann::json::array(), Permission::Admin)), kInvalidParams);
  r = call("Sealadapter.Cancel", nlohmann::json::array({999}), Permission::Admin);
  EXPECT_EQ(code(r), kInvalidParams);
  EXPECT_NE(r["error"]["message"].get<std::string>().find("999"), std::string::npos) << r.dump();
  EXPECT_EQ(code(call("Sealadapter.Cancel", nlohmann::json::array({"1; rm -rf /"}), Permission::Admin)), kInvalidParams);
  EXPECT_EQ(code(call("Sealadapter.Retry", {1, 1000000}, Permission::Admin)), kInvalidParams);
  EXPECT_EQ(code(call("Sealadapter.Result", nlohmann::json::array({-1}), Permission::Admin)), kInvalidParams);
  EXPECT_TRUE(store_.tasks().empty());
}

}  // namespace
}  // namespace sa::adapter
