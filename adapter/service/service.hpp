// `sealadapter serve`: the engine cycling in one thread, the JSON-RPC API in another, and an optional
// Lotus worker link (MINER_API_INFO). SIGTERM/SIGINT stop it cleanly: the API stops answering, the engine
// finishes its cycle, jobs in flight keep running (the next start adopts them), nothing is cancelled.
#pragma once

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "api/auth_token.hpp"
#include "backend/backend.hpp"
#include "config/site_config.hpp"
#include "engine/engine.hpp"
#include "model/resource_table.hpp"
#include "service/rpc_server.hpp"
#include "store/store.hpp"

namespace sa::adapter {

struct ServiceOptions {
  std::string host = "127.0.0.1";  // loopback unless the admin says otherwise
  int port = 3457;                 // 0: any free port (tests)
  double interval_seconds = 1.0;   // engine cycle when idle; faster while things change
  std::string version;
};

// A part of the service with its own thread and API methods (the Lotus worker link).
class ServiceComponent {
 public:
  virtual ~ServiceComponent() = default;
  virtual void add_methods(RpcServer& server) = 0;
  virtual void start(const std::string& own_url) = 0;  // after the API listens
  virtual void after_cycle() = 0;                      // on the engine thread, after each cycle
  virtual void stop() = 0;
};

class Service {
 public:
  Service(Store& store, Backend& backend, const SiteConfig& site, ResourceTable table, EngineOptions engine_options,
          JwtSecret secret, ServiceOptions options);
  ~Service();

  void add_component(std::unique_ptr<ServiceComponent> c) { components_.push_back(std::move(c)); }
  // Tokens this service did not make but accepts (the miner's, checked with its AuthVerify).
  void add_token_verifier(TokenVerifier v) { verifiers_.push_back(std::move(v)); }
  // Runs until request_stop() or SIGTERM/SIGINT (when `handle_signals`). Writes <state_dir>/api.
  void run(bool handle_signals);
  void request_stop();
  int port() const { return port_; }
  // Serialises backend use between the engine thread and API calls (cancel's kill, workers).
  std::mutex& engine_mutex() { return engine_mutex_; }
  Store& store() { return store_; }

 private:
  void engine_loop();
  void log_task_changes();

  Store& store_;
  Backend& backend_;
  const SiteConfig& site_;
  Engine engine_;
  JwtSecret secret_;
  ServiceOptions options_;
  RpcServer server_;
  std::vector<std::unique_ptr<ServiceComponent>> components_;
  std::vector<TokenVerifier> verifiers_;
  std::mutex engine_mutex_;
  std::mutex wake_mutex_;
  std::condition_variable wake_;
  std::atomic<bool> stopping_{false};
  int port_ = 0;
  std::set<std::int64_t> running_;  // tasks running at the last log_task_changes()
};

}  // namespace sa::adapter
