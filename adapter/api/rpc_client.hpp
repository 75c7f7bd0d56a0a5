// A JSON-RPC client for the service (and for a lotus-miner): one call, positional params, the bearer
// token of the API info. Transport and RPC errors become sa::Error naming the method.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "api/api_info.hpp"
#include "base/error.hpp"

namespace sa::adapter {

class RpcClient {
 public:
  explicit RpcClient(ApiInfo info, double timeout_seconds = 30);

  // Throws sa::Error(Io, retryable) when the server cannot be reached, sa::Error(Usage) with the server's
  // message for an RPC error (RpcCallError carries the code).
  nlohmann::json call(const std::string& method, const nlohmann::json& params) const;
  const ApiInfo& info() const { return info_; }

 private:
  ApiInfo info_;
  double timeout_;
};

// An error the server answered: invalid requests, bad parameters and refused permissions are usage
// errors (exit 2 in the CLI), the rest internal.
struct RpcCallError : public Error {
  RpcCallError(int c, const std::string& m)
      : Error(c == -32600 || c == -32601 || c == -32602 || c == -32001 ? ErrorKind::Usage : ErrorKind::Internal, m),
        code(c) {}
  int code;
};

}  // namespace sa::adapter
