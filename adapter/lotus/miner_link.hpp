// sealadapter as a lotus-worker (MINER_API_INFO): registers with the miner (version check, StorageAttach of
// the shared storage, WorkerConnect), watches the miner's Session every 10 s and registers again when the
// miner restarts, answers the worker API (Version, Session, Info, TaskTypes, Paths and the sealing calls of
// worker_calls.hpp), verifies the miner's tokens with its AuthVerify, and sends each Return* from the
// durable outbox with backoff until the miner acknowledges it; a return that may already have reached the
// miner (no answer came, or the service died mid-send) is only sent again if WorkerJobs says the miner still
// waits for it, so none arrives twice.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "api/api_info.hpp"
#include "api/rpc_client.hpp"
#include "lotus/call_store.hpp"
#include "lotus/worker_calls.hpp"
#include "model/resource_table.hpp"
#include "service/service.hpp"

namespace sa::adapter::lotus {

struct MinerLinkOptions {
  double heartbeat_seconds = 10;   // lotus-worker's interval
  double max_backoff_seconds = 60; // between tries of one return
  std::string advertise_url;       // how the miner reaches us; default: the address the API listens on
  double push_wait_seconds = 60;   // how long an AddPiece waits for its pushed data
};

class MinerLink : public ServiceComponent {
 public:
  MinerLink(ApiInfo miner, Store& store, const SiteConfig& site, ResourceTable table, MinerLinkOptions options = {});
  ~MinerLink() override;

  // Verifies a bearer token through the miner's AuthVerify (cached), for the miner's calls to us.
  std::optional<std::set<std::string>> verify_miner_token(const std::string& token);

  void add_methods(RpcServer& server) override;
  void start(const std::string& own_url) override;
  void after_cycle() override;
  void stop() override;

 private:
  void connect_loop();
  void send_loop();
  void data_loop();
  bool register_with_miner();
  bool send(const CallRecord& c);
  // Whether the miner has this call's return already: an earlier send may have reached it even though no
  // answer came back (lost reply, or the service died mid-send). Asks the miner's WorkerJobs.
  bool miner_has_return(const CallId& id);
  nlohmann::json info() const;
  nlohmann::json storage_info() const;
  nlohmann::json fs_stat() const;

  RpcClient miner_;
  Store& store_;
  const SiteConfig& site_;
  ResourceTable table_;
  MinerLinkOptions options_;
  CallStore calls_;
  WorkerCalls worker_;
  std::string session_;     // ours, new at every start (the miner keys workers by it)
  std::string storage_id_;  // the shared path's own, from <storage_dir>/sectorstore.json
  std::string own_url_;
  std::string miner_session_;
  std::atomic<bool> connected_{false};
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, std::set<std::string>> token_cache_;
  std::thread connect_thread_, send_thread_, data_thread_;
};

}  // namespace sa::adapter::lotus
