// The service's HTTP side: POST /rpc/v0 with JSON-RPC 2.0 (cpp-httplib). Every request is parsed, its
// bearer token checked and its method's permission compared before anything runs, so a malformed or
// unauthorised request never reaches the store. Methods are registered with the permission they need.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/auth_token.hpp"
#include "api/jsonrpc.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}

namespace sa::adapter {

// The permissions a bearer token grants, or nullopt when it is not valid here.
using TokenVerifier = std::function<std::optional<std::set<std::string>>(const std::string& token)>;
using RpcMethod = std::function<nlohmann::json(const RpcRequest&)>;
using HttpHandler = std::function<void(const httplib::Request&, httplib::Response&)>;
// Feeds a request body to `sink` chunk by chunk (false from the sink stops reading); false if cut short.
using BodyReader = std::function<bool(const std::function<bool(const char*, std::size_t)>& sink)>;
// An upload to <prefix><id>: returns the HTTP status and a one-line message.
using UploadHandler = std::function<std::pair<int, std::string>(const std::string& id, const BodyReader& body)>;

class RpcServer {
 public:
  RpcServer(TokenVerifier verify, std::size_t max_body = kMaxRequestBytes);
  ~RpcServer();

  void add(const std::string& method, Permission needs, RpcMethod fn);
  // A plain HTTP route (Lotus's /remote file server) behind the same bearer-token check: `fn` runs only
  // when the token grants `needs` (401 otherwise). `pattern` is a regular expression over the path.
  void add_http(const std::string& http_method, const std::string& pattern, Permission needs, HttpHandler fn);
  // A streamed upload route beside /rpc/v0 (Lotus's /rpc/streams/v0/push/<uuid>): POST <prefix><id> streams
  // the body to `fn`; HEAD answers 200 (the sender's readiness probe). Lotus's push encoder sends no token,
  // so one is optional here; a token that is sent must grant `needs`.
  void add_upload(const std::string& prefix, Permission needs, UploadHandler fn);

  // Binds host:port (port 0: any free port) and returns the port; serving starts with run().
  int bind(const std::string& host, int port);
  void run();   // blocks until stop()
  void stop();  // from any thread

  // One request body + Authorization header in, one response body out (the HTTP handler; tests call it).
  std::string handle(const std::string& body, const std::string& authorization) const;

 private:
  // Why `authorization` does not grant `needs` (empty when it does).
  std::string refusal(const std::string& authorization, Permission needs, const std::string& what) const;

  struct Entry {
    Permission needs;
    RpcMethod fn;
  };
  TokenVerifier verify_;
  std::size_t max_body_;
  std::map<std::string, Entry> methods_;
  std::vector<std::string> upload_prefixes_;  // the only routes that take bodies larger than max_body_
  std::unique_ptr<httplib::Server> http_;
};

}  // namespace sa::adapter
