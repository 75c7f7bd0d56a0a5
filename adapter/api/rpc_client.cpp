// JSON-RPC over HTTP with cpp-httplib.
#include "api/rpc_client.hpp"

#include <httplib.h>

#include <atomic>

#include "base/error.hpp"

namespace sa::adapter {

RpcClient::RpcClient(ApiInfo info, double timeout_seconds) : info_(std::move(info)), timeout_(timeout_seconds) {}

nlohmann::json RpcClient::call(const std::string& method, const nlohmann::json& params) const {
  static std::atomic<std::int64_t> next_id{1};
  httplib::Client cli(info_.host, info_.port);
  auto secs = static_cast<time_t>(timeout_);
  cli.set_connection_timeout(secs, 0);
  cli.set_read_timeout(secs, 0);
  cli.set_write_timeout(secs, 0);
  httplib::Headers headers;
  if (!info_.token.empty()) headers.emplace("Authorization", "Bearer " + info_.token);
  nlohmann::json req = {{"jsonrpc", "2.0"}, {"id", next_id++}, {"method", method}, {"params", params}};
  auto res = cli.Post("/rpc/v0", headers, req.dump(), "application/json");
  if (!res) {
    throw Error(ErrorKind::Io, method + ": cannot reach " + info_.url() + " (" + httplib::to_string(res.error()) + ")",
                Retry::Retryable);
  }
  nlohmann::json body = nlohmann::json::parse(res->body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    throw Error(ErrorKind::Io, method + ": HTTP " + std::to_string(res->status) + " without a JSON-RPC answer", Retry::Retryable);
  }
  if (auto e = body.find("error"); e != body.end() && !e->is_null()) {
    std::string msg = e->value("message", std::string("error"));
    throw RpcCallError(e->value("code", 0), msg.rfind(method, 0) == 0 ? msg : method + ": " + msg);
  }
  return body.value("result", nlohmann::json());
}

}  // namespace sa::adapter
