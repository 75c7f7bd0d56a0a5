// Store on SQLite (thread-safe: every operation holds the store lock): opening, schema, and task operations. WAL + synchronous=FULL: a committed change
// survives a crash of the process and of the machine; every public method is one transaction.
#include "store/sqlite_impl.hpp"

namespace sa::adapter {

Store::Store(const std::filesystem::path& file) {
  try {
    impl_ = std::make_unique<Impl>(file);
  } catch (const SQLite::Exception& e) {
    throw Error(ErrorKind::Io, "cannot open store " + file.string() + ": " + e.what());
  }
}

Store::~Store() = default;

const std::filesystem::path& Store::file() const { return impl_->file; }

}  // namespace sa::adapter

namespace sa::adapter {

SubmitOutcome Store::submit(const NewTask& n, double now) {
  return guarded(impl_->mutex, "submit", [&] {
    auto& db = impl_->db;
    SQLite::Transaction t(db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement ins(db,
                          "INSERT INTO tasks (miner, sector, task_type, proof_type, priority, ranks, state, max_attempts, "
                          "partition, inputs, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?) "
                          "ON CONFLICT (miner, sector, task_type) DO NOTHING");
    ins.bind(1, static_cast<std::int64_t>(n.sector.miner));
    ins.bind(2, static_cast<std::int64_t>(n.sector.number));
    ins.bind(3, std::string(task_string(n.type)));
    ins.bind(4, n.proof.id);
    ins.bind(5, n.priority);
    ins.bind(6, n.ranks);
    ins.bind(7, n.max_attempts);
    ins.bind(8, n.partition);
    ins.bind(9, n.inputs.dump());
    ins.bind(10, now);
    ins.bind(11, now);
    bool created = ins.exec() == 1;
    SQLite::Statement q(db, std::string("SELECT ") + kTaskColumns + " FROM tasks WHERE miner = ? AND sector = ? AND task_type = ?");
    q.bind(1, static_cast<std::int64_t>(n.sector.miner));
    q.bind(2, static_cast<std::int64_t>(n.sector.number));
    q.bind(3, std::string(task_string(n.type)));
    if (!q.executeStep()) throw corrupt("submitted task vanished");
    TaskRecord task = read_task(q);
    if (created) impl_->event(now, task.id, 0, "submitted", std::string(short_name(n.type)));
    t.commit();
    return SubmitOutcome{task, created};
  });
}

std::optional<TaskRecord> Store::task(std::int64_t id) const {
  return guarded(impl_->mutex, "task", [&] { return impl_->task(id); });
}

std::optional<TaskRecord> Store::find_task(const SectorRef& sector, TaskType type) const {
  return guarded(impl_->mutex, "find task", [&]() -> std::optional<TaskRecord> {
    SQLite::Statement q(impl_->db, std::string("SELECT ") + kTaskColumns +
                                       " FROM tasks WHERE miner = ? AND sector = ? AND task_type = ?");
    q.bind(1, static_cast<std::int64_t>(sector.miner));
    q.bind(2, static_cast<std::int64_t>(sector.number));
    q.bind(3, std::string(task_string(type)));
    if (!q.executeStep()) return std::nullopt;
    return read_task(q);
  });
}

std::vector<TaskRecord> Store::tasks(const TaskFilter& f) const {
  return guarded(impl_->mutex, "list tasks", [&] {
    std::string sql = std::string("SELECT ") + kTaskColumns + " FROM tasks WHERE 1";
    if (!f.states.empty()) {
      sql += " AND state IN (";
      for (std::size_t i = 0; i < f.states.size(); ++i) sql += (i ? ", '" : "'") + std::string(task_state_name(f.states[i])) + "'";
      sql += ")";
    }
    if (f.sector) sql += " AND miner = ? AND sector = ?";
    sql += " ORDER BY id";
    if (f.limit) sql += " LIMIT " + std::to_string(f.limit);
    SQLite::Statement q(impl_->db, sql);
    if (f.sector) {
      q.bind(1, static_cast<std::int64_t>(f.sector->miner));
      q.bind(2, static_cast<std::int64_t>(f.sector->number));
    }
    std::vector<TaskRecord> out;
    while (q.executeStep()) out.push_back(read_task(q));
    return out;
  });
}

std::optional<AttemptRecord> Store::cancel(std::int64_t task_id, double now) {
  return guarded(impl_->mutex, "cancel", [&]() -> std::optional<AttemptRecord> {
    SQLite::Transaction t(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    TaskRecord task = impl_->must_task(task_id);
    TaskState next = next_task_state(task, TaskEvent::Cancel);
    impl_->set_task_state(task, next, now);
    auto active = impl_->attempts_where("WHERE a.task_id = ? AND a.state IN ('starting', 'submitted', 'running')", task_id, true);
    impl_->event(now, task_id, active.empty() ? 0 : active.front().id, "cancel", "");
    t.commit();
    if (active.empty()) return std::nullopt;
    return active.front();
  });
}

TaskRecord Store::retry(std::int64_t task_id, int extra_attempts, double now) {
  return guarded(impl_->mutex, "retry", [&] {
    SQLite::Transaction t(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    TaskRecord task = impl_->must_task(task_id);
    TaskState next = next_task_state(task, TaskEvent::Retry);
    SQLite::Statement q(impl_->db,
                        "UPDATE tasks SET state = ?, max_attempts = ?, not_before = 0, updated_at = ? WHERE id = ?");
    q.bind(1, std::string(task_state_name(next)));
    q.bind(2, std::max(task.max_attempts, task.attempts + std::max(1, extra_attempts)));
    q.bind(3, now);
    q.bind(4, task_id);
    q.exec();
    impl_->event(now, task_id, 0, "retry", "");
    t.commit();
    return *impl_->task(task_id);
  });
}

TaskRecord Store::resubmit(std::int64_t task_id, const nlohmann::json& inputs, double now) {
  return guarded(impl_->mutex, "resubmit", [&] {
    SQLite::Transaction t(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    TaskRecord task = impl_->must_task(task_id);
    TaskState next = next_task_state(task, TaskEvent::Resubmit);
    SQLite::Statement q(impl_->db,
                        "UPDATE tasks SET state = ?, inputs = ?, max_attempts = ?, not_before = 0, error = '', "
                        "updated_at = ? WHERE id = ?");
    q.bind(1, std::string(task_state_name(next)));
    q.bind(2, inputs.dump());
    q.bind(3, task.attempts + 3);  // a fresh budget for the new request
    q.bind(4, now);
    q.bind(5, task_id);
    q.exec();
    impl_->event(now, task_id, 0, "resubmitted", "");
    t.commit();
    return *impl_->task(task_id);
  });
}

TaskRecord Store::reject(std::int64_t task_id, const std::string& reason, double now) {
  return guarded(impl_->mutex, "reject", [&] {
    SQLite::Transaction t(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    TaskRecord task = impl_->must_task(task_id);
    TaskState next = next_task_state(task, TaskEvent::Reject);
    SQLite::Statement q(impl_->db, "UPDATE tasks SET state = ?, error = ?, error_temporary = 0, updated_at = ? WHERE id = ?");
    q.bind(1, std::string(task_state_name(next)));
    q.bind(2, reason);
    q.bind(3, now);
    q.bind(4, task_id);
    q.exec();
    impl_->event(now, task_id, 0, "rejected", reason);
    t.commit();
    return *impl_->task(task_id);
  });
}

std::optional<nlohmann::json> Store::result_of(std::int64_t task_id) const {
  return guarded(impl_->mutex, "result", [&]() -> std::optional<nlohmann::json> {
    SQLite::Statement q(impl_->db, "SELECT outputs FROM results WHERE task_id = ?");
    q.bind(1, task_id);
    if (!q.executeStep()) return std::nullopt;
    return nlohmann::json::parse(q.getColumn(0).getString());
  });
}

std::vector<EventRecord> Store::events_of(std::int64_t task_id) const {
  return guarded(impl_->mutex, "events", [&] {
    SQLite::Statement q(impl_->db, "SELECT id, at, task_id, attempt_id, kind, detail FROM events WHERE task_id = ? ORDER BY id");
    q.bind(1, task_id);
    std::vector<EventRecord> out;
    while (q.executeStep()) {
      out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getDouble(), q.getColumn(2).getInt64(),
                     q.getColumn(3).getInt64(), q.getColumn(4).getString(), q.getColumn(5).getString()});
    }
    return out;
  });
}

}  // namespace sa::adapter
