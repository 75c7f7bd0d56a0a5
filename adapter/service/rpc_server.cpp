// JSON-RPC over cpp-httplib: parse, authenticate, authorise, dispatch, and map errors to JSON-RPC codes.
#include "service/rpc_server.hpp"

#include <httplib.h>

#include "base/error.hpp"
#include "service/service_log.hpp"

namespace sa::adapter {

RpcServer::RpcServer(TokenVerifier verify, std::size_t max_body)
    : verify_(std::move(verify)), max_body_(max_body), http_(std::make_unique<httplib::Server>()) {
  // httplib answers 413 on its own past this; one byte more than ours so our JSON-RPC error is what
  // a client sees for anything up to the limit.
  http_->set_payload_max_length(max_body_ + 1);
  http_->set_read_timeout(30, 0);
  http_->set_write_timeout(30, 0);
  http_->Post("/rpc/v0", [this](const httplib::Request& req, httplib::Response& res) {
    res.set_content(handle(req.body, req.get_header_value("Authorization")), "application/json");
  });
}

RpcServer::~RpcServer() = default;

void RpcServer::add(const std::string& method, Permission needs, RpcMethod fn) {
  methods_[method] = Entry{needs, std::move(fn)};
}

std::string RpcServer::refusal(const std::string& authorization, Permission needs) const {
  const std::string prefix = "Bearer ";
  if (authorization.rfind(prefix, 0) != 0) return "needs a token (Authorization: Bearer ...)";
  auto perms = verify_(authorization.substr(prefix.size()));
  if (!perms) return "was called with a token that is not valid for this service";
  std::string need(permission_name(needs));
  if (!perms->count(need)) return "needs the " + need + " permission";
  return {};
}

void RpcServer::add_http(const std::string& http_method, const std::string& pattern, Permission needs, HttpHandler fn) {
  auto guarded = [this, needs, fn = std::move(fn)](const httplib::Request& req, httplib::Response& res) {
    if (std::string why = refusal(req.get_header_value("Authorization"), needs); !why.empty()) {
      res.status = 401;
      res.set_content(req.path + " " + why + "\n", "text/plain");
      return;
    }
    try {
      fn(req, res);
    } catch (const std::exception& e) {
      log_event(LogLevel::Error, "http-failed", {{"path", req.path}, {"error", e.what()}});
      res.status = 500;
      res.set_content(std::string(e.what()) + "\n", "text/plain");
    }
  };
  if (http_method == "GET") http_->Get(pattern, guarded);
  else if (http_method == "DELETE") http_->Delete(pattern, guarded);
  else if (http_method == "POST") http_->Post(pattern, guarded);
  else throw Error(ErrorKind::Internal, "add_http: unsupported method " + http_method);
}

int RpcServer::bind(const std::string& host, int port) {
  int bound = port == 0 ? http_->bind_to_any_port(host) : (http_->bind_to_port(host, port) ? port : -1);
  if (bound <= 0) throw Error(ErrorKind::Config, "cannot listen on " + host + ":" + std::to_string(port));
  return bound;
}

void RpcServer::run() { http_->listen_after_bind(); }
void RpcServer::stop() { http_->stop(); }

std::string RpcServer::handle(const std::string& body, const std::string& authorization) const {
  auto parsed = parse_rpc_request(body, max_body_);
  if (auto* e = std::get_if<RpcError>(&parsed)) return rpc_error(*e);
  const RpcRequest& req = std::get<RpcRequest>(parsed);
  auto m = methods_.find(req.method);
  if (m == methods_.end()) return rpc_error({kMethodNotFound, "method " + req.method + " not found", req.id});

  if (std::string why = refusal(authorization, m->second.needs); !why.empty()) {
    return rpc_error({kUnauthorized, req.method + " " + why, req.id});
  }
  try {
    return rpc_result(req.id, m->second.fn(req));
  } catch (const RpcError& e) {
    RpcError out = e;
    out.id = req.id;
    return rpc_error(out);
  } catch (const nlohmann::json::exception& e) {
    return rpc_error({kInvalidParams, req.method + ": " + e.what(), req.id});
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Usage) return rpc_error({kInvalidParams, e.what(), req.id});
    log_event(LogLevel::Error, "rpc-failed", {{"method", req.method}, {"error", e.what()}});
    return rpc_error({kServerError, e.what(), req.id});
  } catch (const std::exception& e) {
    log_event(LogLevel::Error, "rpc-failed", {{"method", req.method}, {"error", e.what()}});
    return rpc_error({kInternalError, e.what(), req.id});
  }
}

}  // namespace sa::adapter
