// The worker side of Lotus's call protocol, durable: every call the miner makes gets a row (its CallID,
// the task it became), and its Return* waits in the outbox until the miner acknowledges it. Rows move
// running -> ready (the return is built) -> returned (acknowledged); returned rows are never sent again.
// A separate SQLite file (<state_dir>/lotus-calls.db) beside the task store; thread-safe.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lotus/lotus_json.hpp"

namespace SQLite {
class Database;
}

namespace sa::adapter::lotus {

enum class CallState { Running, Ready, Returned };

struct CallRecord {
  CallId id;
  std::string method;                        // "AddPiece", "SealPreCommit1", ...
  std::int64_t task_id = 0;                  // 0: answered without a task (Fetch...), or its data is being staged
  CallState state = CallState::Running;
  nlohmann::json context = nlohmann::json::object();  // what the return needs (ticket, seed, comm_d...)
  std::string return_method;                 // "ReturnAddPiece"
  nlohmann::json return_params;              // [CallID, result?, CallError|null]
  nlohmann::json declare = nlohmann::json::array();  // SectorFileType bits to declare before returning
  int send_attempts = 0;                     // sends begun; > 0 and not returned = the miner may have it
  double next_try = 0;
  std::string last_error;
  double created_at = 0;
  double returned_at = 0;
};

class CallStore {
 public:
  explicit CallStore(const std::filesystem::path& file);
  ~CallStore();

  void add(const CallRecord& c);
  std::optional<CallRecord> get(const std::string& uuid) const;
  std::vector<CallRecord> with_state(CallState s) const;
  // running -> ready with its return; false when the call was not running (built already).
  bool set_ready(const std::string& uuid, const std::string& return_method, const nlohmann::json& params);
  // Counted before each send, so after a crash a call with tries may already be at the miner (in doubt).
  void begin_send(const std::string& uuid);
  // A running call whose data was staged gets its task.
  void set_task(const std::string& uuid, std::int64_t task_id);
  void mark_returned(const std::string& uuid, double now);
  void defer(const std::string& uuid, double next_try, const std::string& error);

 private:
  mutable std::mutex mutex_;
  std::unique_ptr<SQLite::Database> db_;
};

std::string_view call_state_name(CallState s);

}  // namespace sa::adapter::lotus
