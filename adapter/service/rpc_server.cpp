// JSON-RPC over cpp-httplib: parse, authenticate, authorise, dispatch, and map errors to JSON-RPC codes.
#include "service/rpc_server.hpp"

#include <httplib.h>

#include <algorithm>

#include "base/error.hpp"
#include "service/service_log.hpp"

namespace sa::adapter {

RpcServer::RpcServer(TokenVerifier verify, std::size_t max_body)
    : verify_(std::move(verify)), max_body_(max_body), http_(std::make_unique<httplib::Server>()) {
  // Uploads (piece data) may be sector-sized, so httplib itself sets no limit; a JSON-RPC body is kept to
  // one byte past ours (the rest is read and dropped), so an oversized request gets our JSON-RPC error.
  http_->set_read_timeout(30, 0);
  http_->set_write_timeout(30, 0);
  // Routes without a streamed reader get their body read into memory before their handler (and its token
  // check) runs: with no server-wide limit, bodies beyond ours are refused here, before they are read.
  http_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (req.path == "/rpc/v0") return httplib::Server::HandlerResponse::Unhandled;  // bounded by its reader
    for (const auto& prefix : upload_prefixes_) {
      if (req.path.rfind(prefix, 0) == 0) return httplib::Server::HandlerResponse::Unhandled;
    }
    const bool chunked = req.get_header_value("Transfer-Encoding") == "chunked";
    const std::string length = req.get_header_value("Content-Length");
    const bool small = length.empty() || (length.size() < 19 && std::stoull("0" + length) <= max_body_);
    if (!chunked && small) return httplib::Server::HandlerResponse::Unhandled;
    res.status = 413;
    res.set_content("request body too large for " + req.path + "\n", "text/plain");
    return httplib::Server::HandlerResponse::Handled;
  });
  http_->Post("/rpc/v0", [this](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& read) {
    std::string body;
    read([&](const char* data, std::size_t n) {
      body.append(data, std::min(n, max_body_ + 1 - std::min(body.size(), max_body_ + 1)));
      return true;
    });
    res.set_content(handle(body, req.get_header_value("Authorization")), "application/json");
  });
}

void RpcServer::add_upload(const std::string& prefix, Permission needs, UploadHandler fn) {
  upload_prefixes_.push_back(prefix);
  const std::string pattern = prefix + "([0-9A-Za-z-]+)";
  // httplib routes HEAD to the GET handlers: the sender's probe before it POSTs.
  http_->Get(pattern, [](const httplib::Request&, httplib::Response& res) { res.status = 200; });
  http_->Post(pattern, [this, needs, fn](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& read) {
    const std::string authorization = req.get_header_value("Authorization");
    std::string why = authorization.empty() ? "" : refusal(authorization, needs, "upload");
    if (!why.empty()) {
      res.status = 401;
      res.set_content(why + "\n", "text/plain");
      return;
    }
    auto [status, message] = fn(req.matches[1], [&read](const std::function<bool(const char*, std::size_t)>& sink) {
      return read([&sink](const char* data, std::size_t n) { return sink(data, n); });
    });
    res.status = status;
    res.set_content(message + "\n", "text/plain");
  });
}

std::string RpcServer::refusal(const std::string& authorization, Permission needs, const std::string& what) const {
  const std::string prefix = "Bearer ";
  if (authorization.rfind(prefix, 0) != 0) return what + " needs a token (Authorization: Bearer ...)";
  auto perms = verify_(authorization.substr(prefix.size()));
  if (!perms) return "the token is not valid for this service";
  std::string need(permission_name(needs));
  if (!perms->count(need)) return what + " needs the " + need + " permission";
  return "";
}

RpcServer::~RpcServer() = default;

void RpcServer::add(const std::string& method, Permission needs, RpcMethod fn) {
  methods_[method] = Entry{needs, std::move(fn)};
}

void RpcServer::add_http(const std::string& http_method, const std::string& pattern, Permission needs, HttpHandler fn) {
  auto guarded = [this, needs, fn = std::move(fn)](const httplib::Request& req, httplib::Response& res) {
    if (std::string why = refusal(req.get_header_value("Authorization"), needs, req.path); !why.empty()) {
      res.status = 401;
      res.set_content(why + "\n", "text/plain");
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

  std::string why = refusal(authorization, m->second.needs, req.method);
  if (!why.empty()) return rpc_error({kUnauthorized, why, req.id});
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
