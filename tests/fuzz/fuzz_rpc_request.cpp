// libFuzzer target for the JSON-RPC request parser: any byte string must give a request or an RpcError,
// and whatever comes out must serialize to valid JSON. Any other exception or sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>

#include "api/jsonrpc.hpp"

namespace {

using sa::adapter::RpcError;
using sa::adapter::RpcRequest;

// Responses go to clients verbatim, so each must be valid JSON whatever the input held.
void check_json(const std::string& out) {
  if (!nlohmann::json::accept(out)) std::abort();
}

void exercise(const RpcRequest& r) {
  // Names as the API's object-form params might use them; index and name both matter to rpc_param.
  static constexpr const char* kNames[] = {"sector", "pieces", "ticket", "seed"};
  for (std::size_t i = 0; i < 4; ++i) {
    try {
      const nlohmann::json& p = sa::adapter::rpc_param(r, i, kNames[i]);
      check_json(sa::adapter::rpc_result(r.id, p));  // echoing a param covers dump of arbitrary values
    } catch (const RpcError& e) {
      if (e.code != sa::adapter::kInvalidParams) std::abort();
      check_json(sa::adapter::rpc_error(e));
    }
  }
  check_json(sa::adapter::rpc_result(r.id, r.method));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto parsed = sa::adapter::parse_rpc_request(body);
  if (auto* r = std::get_if<RpcRequest>(&parsed)) {
    exercise(*r);
  } else {
    check_json(sa::adapter::rpc_error(std::get<RpcError>(parsed)));
  }
  // One byte under the limit must always be refused as too large, before any parsing.
  if (size > 0) {
    auto small = sa::adapter::parse_rpc_request(body, size - 1);
    auto* e = std::get_if<RpcError>(&small);
    if (!e || e->code != sa::adapter::kRequestTooLarge) std::abort();
  }
  return 0;
}
