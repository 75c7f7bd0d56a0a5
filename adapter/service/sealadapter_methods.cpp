// Sealadapter.* methods: typed parameter checks here, the work in Operations.
#include "service/sealadapter_methods.hpp"

namespace sa::adapter {

namespace {

nlohmann::json optional_param(const RpcRequest& r, std::size_t i, const char* name, nlohmann::json fallback) {
  if (r.params.is_array() && i >= r.params.size()) return fallback;
  if (r.params.is_object() && !r.params.contains(name)) return fallback;
  const auto& p = rpc_param(r, i, name);
  return p.is_null() ? fallback : p;
}

std::int64_t task_id(const RpcRequest& r) {
  const auto& p = rpc_param(r, 0, "task");
  if (!p.is_number_integer() || p.get<std::int64_t>() <= 0) {
    throw RpcError{kInvalidParams, "task must be a positive integer task id", r.id};
  }
  return p.get<std::int64_t>();
}

nlohmann::json object_param(const RpcRequest& r, std::size_t i, const char* name, bool required) {
  nlohmann::json p = required ? rpc_param(r, i, name) : optional_param(r, i, name, nlohmann::json::object());
  if (!p.is_object()) throw RpcError{kInvalidParams, std::string(name) + " must be an object", r.id};
  return p;
}

}  // namespace

void add_sealadapter_methods(RpcServer& server, Operations& ops, const std::string& version) {
  server.add("Sealadapter.Version", Permission::Read,
             [version](const RpcRequest&) { return nlohmann::json{{"version", version}, {"api", 1}}; });
  server.add("Sealadapter.Status", Permission::Read,
             [&ops](const RpcRequest& r) { return ops.status(object_param(r, 0, "filter", false)); });
  server.add("Sealadapter.Jobs", Permission::Read, [&ops](const RpcRequest& r) {
    auto all = optional_param(r, 0, "all", false);
    if (!all.is_boolean()) throw RpcError{kInvalidParams, "all must be a boolean", r.id};
    return ops.jobs(all.get<bool>());
  });
  server.add("Sealadapter.Result", Permission::Read, [&ops](const RpcRequest& r) { return ops.result(task_id(r)); });
  server.add("Sealadapter.Workers", Permission::Read, [&ops](const RpcRequest&) { return ops.workers(); });
  server.add("Sealadapter.Submit", Permission::Write,
             [&ops](const RpcRequest& r) { return ops.submit(object_param(r, 0, "task", true)); });
  server.add("Sealadapter.Cancel", Permission::Write, [&ops](const RpcRequest& r) { return ops.cancel(task_id(r)); });
  server.add("Sealadapter.Retry", Permission::Write, [&ops](const RpcRequest& r) {
    auto extra = optional_param(r, 1, "extra_attempts", 1);
    if (!extra.is_number_integer() || extra.get<int>() < 1 || extra.get<int>() > 100) {
      throw RpcError{kInvalidParams, "extra_attempts must be an integer from 1 to 100", r.id};
    }
    return ops.retry(task_id(r), extra.get<int>());
  });
}

}  // namespace sa::adapter
