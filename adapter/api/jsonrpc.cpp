// JSON-RPC request parsing and response writing.
#include "api/jsonrpc.hpp"

namespace sa::adapter {

namespace {
// nlohmann parses iteratively, but copying and dumping a value recurse: a body of a few hundred KB of
// '[' would overflow the stack. Real requests nest a handful of levels.
constexpr int kMaxDepth = 64;
}  // namespace

std::variant<RpcRequest, RpcError> parse_rpc_request(std::string_view body, std::size_t max_bytes) {
  if (body.size() > max_bytes) {
    return RpcError{kRequestTooLarge, "request of " + std::to_string(body.size()) + " bytes; the limit is " +
                                          std::to_string(max_bytes), nullptr};
  }
  bool too_deep = false;
  // Returning false drops just the too-deep value (so no deep tree is built) and keeps parse errors apart.
  auto limit_depth = [&too_deep](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
    if (depth <= kMaxDepth) return true;
    too_deep = true;
    return false;
  };
  nlohmann::json j = nlohmann::json::parse(body.begin(), body.end(), limit_depth, false);
  if (j.is_discarded()) return RpcError{kParseError, "the request is not valid JSON", nullptr};
  if (too_deep) {
    return RpcError{kInvalidRequest, "the request nests deeper than " + std::to_string(kMaxDepth) + " levels", nullptr};
  }
  if (j.is_array()) return RpcError{kInvalidRequest, "batch requests are not supported", nullptr};
  if (!j.is_object()) return RpcError{kInvalidRequest, "a request must be a JSON object", nullptr};
  nlohmann::json id = nullptr;
  if (auto it = j.find("id"); it != j.end()) {
    if (!it->is_number_integer() && !it->is_number_unsigned() && !it->is_string() && !it->is_null()) {
      return RpcError{kInvalidRequest, "id must be a number, a string or null", nullptr};
    }
    id = *it;
  }
  auto version = j.find("jsonrpc");
  if (version == j.end() || !version->is_string() || version->get<std::string>() != "2.0") {
    return RpcError{kInvalidRequest, "jsonrpc must be \"2.0\"", id};
  }
  auto method = j.find("method");
  if (method == j.end() || !method->is_string() || method->get<std::string>().empty()) {
    return RpcError{kInvalidRequest, "method must be a non-empty string", id};
  }
  RpcRequest r;
  r.id = id;
  r.method = method->get<std::string>();
  if (auto p = j.find("params"); p != j.end()) {
    if (!p->is_array() && !p->is_object() && !p->is_null()) {
      return RpcError{kInvalidParams, "params must be an array or an object", id};
    }
    if (!p->is_null()) r.params = *p;
  }
  return r;
}

std::string rpc_result(const nlohmann::json& id, const nlohmann::json& result) {
  return nlohmann::json{{"jsonrpc", "2.0"}, {"id", id}, {"result", result}}.dump(-1, ' ', false,
                                                                                 nlohmann::json::error_handler_t::replace);
}

std::string rpc_error(const RpcError& e) {
  return nlohmann::json{{"jsonrpc", "2.0"}, {"id", e.id}, {"error", {{"code", e.code}, {"message", e.message}}}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

const nlohmann::json& rpc_param(const RpcRequest& r, std::size_t i, const char* name) {
  if (r.params.is_array()) {
    if (i < r.params.size()) return r.params[i];
  } else if (r.params.is_object()) {
    if (auto it = r.params.find(name); it != r.params.end()) return *it;
  }
  throw RpcError{kInvalidParams, std::string("missing parameter ") + std::to_string(i) + " (" + name + ")", r.id};
}

}  // namespace sa::adapter
