// The durable store (SQLite in WAL mode): every state change is one transaction that also appends an event,
// so a crash at any point loses no task and leaves no half-applied change. Submitting the same
// (sector, task type) twice returns the existing task. Several processes may open the same file (the CLI
// while a service runs); writers wait for each other (busy timeout).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/records.hpp"
#include "store/task_transitions.hpp"

namespace sa::adapter {

struct SubmitOutcome {
  TaskRecord task;
  bool created = false;  // false: the task already existed and is returned unchanged
};

struct TaskFilter {
  TaskFilter() = default;
  TaskFilter(std::vector<TaskState> s) : states(std::move(s)) {}  // NOLINT: tasks({{TaskState::Queued}})

  std::vector<TaskState> states;  // empty = all
  std::optional<SectorRef> sector;
  std::size_t limit = 0;          // 0 = no limit
};

// How an attempt ended, as the engine understood it.
struct AttemptOutcome {
  AttemptState state = AttemptState::Succeeded;  // Succeeded, Failed, Cancelled or Lost
  TaskEvent task_event = TaskEvent::Succeeded;   // what it means for the task
  std::string failure_class;                     // "" on success
  std::string message;
  std::optional<int> exit_code;
  nlohmann::json outputs;                        // recorded as the task's result on success
  double retry_after = 0;                        // earliest next start (retryable failures)
  bool temporary = false;                        // a failure the miner may retry (Lotus: temporary error)
};

class Store {
 public:
  explicit Store(const std::filesystem::path& file);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::filesystem::path& file() const;

  SubmitOutcome submit(const NewTask& task, double now);
  std::optional<TaskRecord> task(std::int64_t id) const;
  std::optional<TaskRecord> find_task(const SectorRef& sector, TaskType type) const;
  std::vector<TaskRecord> tasks(const TaskFilter& filter = {}) const;

  // queued -> running with a new attempt in state Starting; returns the attempt.
  AttemptRecord begin_attempt(std::int64_t task_id, const std::string& partition, const nlohmann::json& request,
                              const std::string& manifest_path, const std::string& result_path, double now);
  // The backend accepted the job.
  void record_submission(std::int64_t attempt_id, const std::string& backend, const std::string& job_id,
                         const std::string& tag, double now);
  // Progress reported by the backend (running, node, pending reason); no task transition.
  void record_job_progress(std::int64_t attempt_id, AttemptState state, const std::string& node,
                           const std::string& reason, double now);
  // The attempt ended: attempt, job, task and result change together.
  TaskRecord finish_attempt(std::int64_t attempt_id, const AttemptOutcome& outcome, double now);

  // Person-driven changes. cancel returns the attempt whose job must be killed, if one is active.
  std::optional<AttemptRecord> cancel(std::int64_t task_id, double now);
  TaskRecord retry(std::int64_t task_id, int extra_attempts, double now);
  // An ended task runs again with new inputs (Unseal of another range); its earlier result stays until the
  // new attempt succeeds.
  TaskRecord resubmit(std::int64_t task_id, const nlohmann::json& inputs, double now);
  // queued -> failed with a permanent reason (it fits no worker).
  TaskRecord reject(std::int64_t task_id, const std::string& reason, double now);

  std::optional<AttemptRecord> attempt(std::int64_t attempt_id) const;
  std::vector<AttemptRecord> attempts_of(std::int64_t task_id) const;
  std::vector<AttemptRecord> active_attempts() const;  // not in a terminal state
  std::optional<nlohmann::json> result_of(std::int64_t task_id) const;
  std::vector<EventRecord> events_of(std::int64_t task_id) const;

  // Throws sa::Error(Corrupt) describing the first broken invariant (tests call it after every step):
  // a running task has exactly one active attempt, no other task has one, attempts are numbered 1..n,
  // a done task has a result, counts match.
  void check_invariants() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sa::adapter
