// JSON-RPC 2.0 as the API speaks it (Lotus's go-jsonrpc shapes: positional params, "Filecoin." and
// "Sealadapter." namespaces): parsing a request body into a request or a precise error, and writing
// responses. Pure and total: any byte string gives a request or an error, never a crash (fuzzed in CI).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

namespace sa::adapter {

// JSON-RPC 2.0 error codes, and the server-defined ones of this API.
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kUnauthorized = -32001;   // no token, a bad token, or too low a permission
inline constexpr int kRequestTooLarge = -32002;
inline constexpr int kServerError = -32000;    // the call was understood and failed (its message says why)

inline constexpr std::size_t kMaxRequestBytes = 4u << 20;  // a PreCommit1Out or Commit1Out fits easily

struct RpcRequest {
  nlohmann::json id;  // number, string or null
  std::string method;
  nlohmann::json params = nlohmann::json::array();
};

struct RpcError {
  int code = kInternalError;
  std::string message;
  nlohmann::json id;  // the request's id when it could be read
};

std::variant<RpcRequest, RpcError> parse_rpc_request(std::string_view body, std::size_t max_bytes = kMaxRequestBytes);

std::string rpc_result(const nlohmann::json& id, const nlohmann::json& result);
std::string rpc_error(const RpcError& e);

// A request's positional parameter `i` (params may also be a single object for our own API); throws
// RpcError{kInvalidParams} naming what is missing.
const nlohmann::json& rpc_param(const RpcRequest& r, std::size_t i, const char* name);

}  // namespace sa::adapter
