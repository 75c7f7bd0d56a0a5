// What the store holds: tasks (durable Lotus tasks), attempts (one try each, owning one job), jobs (Slurm or
// local, with their backend id), results and an append-only event log. Times are seconds since the epoch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "model/task_type.hpp"
#include "params/proof_type.hpp"

namespace sa::adapter {

enum class TaskState { Queued, Running, Done, Failed, Cancelled };
// starting: the attempt exists, its job is being submitted; submitted: the backend has it (pending in Slurm);
// running: the job started; then one of the terminal states.
enum class AttemptState { Starting, Submitted, Running, Succeeded, Failed, Cancelled, Lost };

std::string_view task_state_name(TaskState s);
std::optional<TaskState> parse_task_state(std::string_view s);
std::string_view attempt_state_name(AttemptState s);
std::optional<AttemptState> parse_attempt_state(std::string_view s);
bool is_terminal(TaskState s);
bool is_terminal(AttemptState s);

struct SectorRef {
  std::uint64_t miner = 0;
  std::uint64_t number = 0;
};

struct NewTask {
  SectorRef sector;
  TaskType type = TaskType::AddPiece;
  params::SealProof proof{5};
  int priority = 0;
  int ranks = 1;
  int max_attempts = 3;
  std::string partition;  // empty: the adapter chooses
  nlohmann::json inputs = nlohmann::json::object();
};

struct TaskRecord {
  std::int64_t id = 0;
  SectorRef sector;
  TaskType type = TaskType::AddPiece;
  params::SealProof proof{5};
  int priority = 0;
  int ranks = 1;
  TaskState state = TaskState::Queued;
  int attempts = 0;
  int max_attempts = 3;
  std::string partition;
  nlohmann::json inputs = nlohmann::json::object();
  std::string error;        // last failure, for people
  bool error_temporary = false;
  double not_before = 0;    // retry back-off: not started again before this time
  double created_at = 0;
  double updated_at = 0;
};

struct AttemptRecord {
  std::int64_t id = 0;
  std::int64_t task_id = 0;
  int number = 0;
  AttemptState state = AttemptState::Starting;
  std::string partition;
  nlohmann::json request = nlohmann::json::object();  // the JobRequest it ran under
  std::string manifest_path;
  std::string result_path;
  std::string failure_class;  // "", or a FailureClass name
  std::string message;
  // Its job.
  std::string backend;        // "local" or "slurm"
  std::string job_id;         // pid or Slurm job id; empty while starting
  std::string tag;            // job name carried into the backend
  std::string node;
  std::string reason;         // Slurm pending reason, etc.
  std::optional<int> exit_code;
  double created_at = 0;
  double submitted_at = 0;
  double started_at = 0;
  double ended_at = 0;
};

struct EventRecord {
  std::int64_t id = 0;
  double at = 0;
  std::int64_t task_id = 0;
  std::int64_t attempt_id = 0;
  std::string kind;
  std::string detail;
};

}  // namespace sa::adapter
