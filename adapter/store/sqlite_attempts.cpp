// Store on SQLite: attempts and their jobs, and the invariants tests check after every step.
#include "store/sqlite_impl.hpp"

namespace sa::adapter {

AttemptRecord Store::begin_attempt(std::int64_t task_id, const std::string& partition, const nlohmann::json& request,
                                   const std::string& manifest_path, const std::string& result_path, double now) {
  return guarded(impl_->mutex, "begin attempt", [&] {
    auto& db = impl_->db;
    SQLite::Transaction t(db, SQLite::TransactionBehavior::IMMEDIATE);
    TaskRecord task = impl_->must_task(task_id);
    TaskState next = next_task_state(task, TaskEvent::AttemptStarted);
    int number = task.attempts + 1;
    SQLite::Statement up(db, "UPDATE tasks SET state = ?, attempts = ?, updated_at = ? WHERE id = ?");
    up.bind(1, std::string(task_state_name(next)));
    up.bind(2, number);
    up.bind(3, now);
    up.bind(4, task_id);
    up.exec();
    SQLite::Statement ins(db,
                          "INSERT INTO attempts (task_id, number, state, partition, request, manifest_path, result_path, "
                          "created_at) VALUES (?, ?, 'starting', ?, ?, ?, ?, ?)");
    ins.bind(1, task_id);
    ins.bind(2, number);
    ins.bind(3, partition);
    ins.bind(4, request.dump());
    ins.bind(5, manifest_path);
    ins.bind(6, result_path);
    ins.bind(7, now);
    ins.exec();
    std::int64_t id = db.getLastInsertRowid();
    impl_->event(now, task_id, id, "attempt", "attempt " + std::to_string(number) + " on " + partition);
    t.commit();
    return *impl_->attempt(id);
  });
}

void Store::record_submission(std::int64_t attempt_id, const std::string& backend, const std::string& job_id,
                              const std::string& tag, double now) {
  guarded(impl_->mutex, "record submission", [&] {
    auto& db = impl_->db;
    SQLite::Transaction t(db, SQLite::TransactionBehavior::IMMEDIATE);
    auto a = impl_->attempt(attempt_id);
    if (!a) throw Error(ErrorKind::Usage, "no attempt " + std::to_string(attempt_id));
    if (a->state != AttemptState::Starting) return;  // already recorded: idempotent
    SQLite::Statement up(db, "UPDATE attempts SET state = 'submitted' WHERE id = ?");
    up.bind(1, attempt_id);
    up.exec();
    SQLite::Statement ins(db, "INSERT INTO jobs (attempt_id, backend, job_id, tag, submitted_at) VALUES (?, ?, ?, ?, ?)");
    ins.bind(1, attempt_id);
    ins.bind(2, backend);
    ins.bind(3, job_id);
    ins.bind(4, tag);
    ins.bind(5, now);
    ins.exec();
    impl_->event(now, a->task_id, attempt_id, "submitted-job", backend + " job " + job_id);
    t.commit();
  });
}

void Store::record_job_progress(std::int64_t attempt_id, AttemptState state, const std::string& node,
                                const std::string& reason, double now) {
  guarded(impl_->mutex, "record job progress", [&] {
    auto& db = impl_->db;
    SQLite::Transaction t(db, SQLite::TransactionBehavior::IMMEDIATE);
    auto a = impl_->attempt(attempt_id);
    if (!a || is_terminal(a->state)) return;
    if (state != AttemptState::Submitted && state != AttemptState::Running) {
      throw Error(ErrorKind::Internal, "progress must be submitted or running; endings go through finish_attempt");
    }
    bool started = state == AttemptState::Running && a->state != AttemptState::Running;
    if (a->state == state && a->node == node && a->reason == reason) return;
    SQLite::Statement up(db, "UPDATE attempts SET state = ? WHERE id = ?");
    up.bind(1, std::string(attempt_state_name(state)));
    up.bind(2, attempt_id);
    up.exec();
    SQLite::Statement uj(db, "UPDATE jobs SET node = ?, reason = ?, started_at = CASE WHEN ? THEN ? ELSE started_at END "
                             "WHERE attempt_id = ?");
    uj.bind(1, node);
    uj.bind(2, reason);
    uj.bind(3, started ? 1 : 0);
    uj.bind(4, now);
    uj.bind(5, attempt_id);
    uj.exec();
    if (started) impl_->event(now, a->task_id, attempt_id, "job-running", node);
    t.commit();
  });
}

TaskRecord Store::finish_attempt(std::int64_t attempt_id, const AttemptOutcome& o, double now) {
  return guarded(impl_->mutex, "finish attempt", [&] {
    auto& db = impl_->db;
    SQLite::Transaction t(db, SQLite::TransactionBehavior::IMMEDIATE);
    auto a = impl_->attempt(attempt_id);
    if (!a) throw Error(ErrorKind::Usage, "no attempt " + std::to_string(attempt_id));
    TaskRecord task = impl_->must_task(a->task_id);
    if (is_terminal(a->state)) return task;  // an ending seen twice changes nothing
    if (!is_terminal(o.state)) throw Error(ErrorKind::Internal, "finish_attempt needs a terminal attempt state");

    SQLite::Statement ua(db, "UPDATE attempts SET state = ?, failure_class = ?, message = ? WHERE id = ?");
    ua.bind(1, std::string(attempt_state_name(o.state)));
    ua.bind(2, o.failure_class);
    ua.bind(3, o.message);
    ua.bind(4, attempt_id);
    ua.exec();
    SQLite::Statement uj(db, "UPDATE jobs SET ended_at = ?, exit_code = ? WHERE attempt_id = ?");
    uj.bind(1, now);
    if (o.exit_code) uj.bind(2, *o.exit_code);
    else uj.bind(2);
    uj.bind(3, attempt_id);
    uj.exec();

    // The task moves only if this attempt is its current one and it is still running (not cancelled).
    std::string detail = o.failure_class.empty() ? o.message : o.failure_class + ": " + o.message;
    if (task.state == TaskState::Running && a->number == task.attempts) {
      TaskState next = next_task_state(task, o.task_event);
      bool failed = o.task_event != TaskEvent::Succeeded;
      // A requeue (preemption, node loss) is not the task's fault: it does not use up an attempt.
      int budget = task.max_attempts + (o.task_event == TaskEvent::Requeued ? 1 : 0);
      SQLite::Statement ut(db,
                           "UPDATE tasks SET state = ?, error = ?, error_temporary = ?, not_before = ?, max_attempts = ?, "
                           "updated_at = ? WHERE id = ?");
      ut.bind(1, std::string(task_state_name(next)));
      ut.bind(2, failed ? detail : std::string());
      ut.bind(3, o.temporary || o.task_event == TaskEvent::FailedRetryable || o.task_event == TaskEvent::Requeued ? 1 : 0);
      ut.bind(4, next == TaskState::Queued ? o.retry_after : 0.0);
      ut.bind(5, budget);
      ut.bind(6, now);
      ut.bind(7, task.id);
      ut.exec();
      if (o.task_event == TaskEvent::Succeeded) {
        SQLite::Statement r(db, "INSERT OR REPLACE INTO results (task_id, attempt_id, outputs, recorded_at) VALUES (?, ?, ?, ?)");
        r.bind(1, task.id);
        r.bind(2, attempt_id);
        r.bind(3, o.outputs.dump());
        r.bind(4, now);
        r.exec();
      }
      impl_->event(now, task.id, attempt_id, task_event_name(o.task_event), detail);
    } else {
      impl_->event(now, task.id, attempt_id, "attempt-ended", std::string(attempt_state_name(o.state)) + " " + detail);
    }
    t.commit();
    return *impl_->task(task.id);
  });
}

std::optional<AttemptRecord> Store::attempt(std::int64_t id) const {
  return guarded(impl_->mutex, "attempt", [&] { return impl_->attempt(id); });
}

std::vector<AttemptRecord> Store::attempts_of(std::int64_t task_id) const {
  return guarded(impl_->mutex, "attempts", [&] { return impl_->attempts_where("WHERE a.task_id = ? ORDER BY a.number", task_id, true); });
}

std::vector<AttemptRecord> Store::active_attempts() const {
  return guarded(impl_->mutex, "active attempts", [&] {
    return impl_->attempts_where("WHERE a.state IN ('starting', 'submitted', 'running') ORDER BY a.id", 0, false);
  });
}

void Store::check_invariants() const {
  guarded(impl_->mutex, "check invariants", [&] {
    auto& db = impl_->db;
    auto count = [&](const char* sql) {
      SQLite::Statement q(db, sql);
      q.executeStep();
      return q.getColumn(0).getInt64();
    };
    auto require_zero = [&](const char* sql, const char* what) {
      if (auto n = count(sql); n != 0) throw corrupt(std::to_string(n) + " " + what);
    };
    require_zero(
        "SELECT COUNT(*) FROM tasks t WHERE t.state = 'running' AND (SELECT COUNT(*) FROM attempts a WHERE a.task_id = t.id "
        "AND a.state IN ('starting','submitted','running')) != 1",
        "running task(s) without exactly one active attempt");
    require_zero(
        "SELECT COUNT(*) FROM attempts a JOIN tasks t ON t.id = a.task_id WHERE a.state IN ('starting','submitted','running') "
        "AND t.state NOT IN ('running', 'cancelled')",
        "active attempt(s) of a task that is not running");
    require_zero(
        "SELECT COUNT(*) FROM tasks t WHERE (SELECT COUNT(*) FROM attempts a WHERE a.task_id = t.id) != t.attempts",
        "task(s) whose attempt count does not match their attempts");
    require_zero(
        "SELECT COUNT(*) FROM tasks t WHERE EXISTS (SELECT 1 FROM attempts a WHERE a.task_id = t.id AND a.number > "
        "(SELECT COUNT(*) FROM attempts b WHERE b.task_id = t.id))",
        "task(s) with gaps in attempt numbers");
    require_zero("SELECT COUNT(*) FROM tasks t WHERE t.state = 'done' AND NOT EXISTS (SELECT 1 FROM results r WHERE r.task_id = t.id)",
                 "done task(s) without a result");
    require_zero("SELECT COUNT(*) FROM jobs j WHERE NOT EXISTS (SELECT 1 FROM attempts a WHERE a.id = j.attempt_id)",
                 "job(s) without an attempt");
    SQLite::Statement ic(db, "PRAGMA integrity_check");
    if (ic.executeStep() && ic.getColumn(0).getString() != "ok") throw corrupt("integrity_check: " + ic.getColumn(0).getString());
    return 0;
  });
}

}  // namespace sa::adapter
