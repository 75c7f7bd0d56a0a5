// Internals shared by the SQLite store's source files (the only files that include SQLiteCpp).
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <mutex>

#include "base/error.hpp"
#include "store/schema_sql.hpp"
#include "store/store.hpp"

namespace sa::adapter {

namespace sqlite_detail {

inline constexpr int kSchemaVersion = 1;

inline const char* kTaskColumns =
    "id, miner, sector, task_type, proof_type, priority, ranks, state, attempts, max_attempts, partition, inputs, "
    "error, error_temporary, not_before, created_at, updated_at";

inline const char* kAttemptSelect =
    "SELECT a.id, a.task_id, a.number, a.state, a.partition, a.request, a.manifest_path, a.result_path, "
    "a.failure_class, a.message, a.created_at, j.backend, j.job_id, j.tag, j.node, j.reason, j.exit_code, "
    "j.submitted_at, j.started_at, j.ended_at FROM attempts a LEFT JOIN jobs j ON j.attempt_id = a.id ";

inline Error corrupt(const std::string& what) { return Error(ErrorKind::Corrupt, "store: " + what); }

inline std::string col_text(SQLite::Statement& q, int i) { return q.getColumn(i).isNull() ? "" : q.getColumn(i).getString(); }

inline TaskRecord read_task(SQLite::Statement& q) {
  TaskRecord t;
  t.id = q.getColumn(0).getInt64();
  t.sector.miner = static_cast<std::uint64_t>(q.getColumn(1).getInt64());
  t.sector.number = static_cast<std::uint64_t>(q.getColumn(2).getInt64());
  auto type = parse_task_type(col_text(q, 3));
  if (!type) throw corrupt("task " + std::to_string(t.id) + " has unknown type " + col_text(q, 3));
  t.type = *type;
  auto proof = params::seal_proof_from_id(q.getColumn(4).getInt64());
  if (!proof) throw corrupt("task " + std::to_string(t.id) + " has unknown proof type");
  t.proof = *proof;
  t.priority = q.getColumn(5).getInt();
  t.ranks = q.getColumn(6).getInt();
  auto state = parse_task_state(col_text(q, 7));
  if (!state) throw corrupt("task " + std::to_string(t.id) + " has unknown state " + col_text(q, 7));
  t.state = *state;
  t.attempts = q.getColumn(8).getInt();
  t.max_attempts = q.getColumn(9).getInt();
  t.partition = col_text(q, 10);
  t.inputs = nlohmann::json::parse(col_text(q, 11));
  t.error = col_text(q, 12);
  t.error_temporary = q.getColumn(13).getInt() != 0;
  t.not_before = q.getColumn(14).getDouble();
  t.created_at = q.getColumn(15).getDouble();
  t.updated_at = q.getColumn(16).getDouble();
  return t;
}

inline AttemptRecord read_attempt(SQLite::Statement& q) {
  AttemptRecord a;
  a.id = q.getColumn(0).getInt64();
  a.task_id = q.getColumn(1).getInt64();
  a.number = q.getColumn(2).getInt();
  auto state = parse_attempt_state(col_text(q, 3));
  if (!state) throw corrupt("attempt " + std::to_string(a.id) + " has unknown state " + col_text(q, 3));
  a.state = *state;
  a.partition = col_text(q, 4);
  a.request = nlohmann::json::parse(col_text(q, 5));
  a.manifest_path = col_text(q, 6);
  a.result_path = col_text(q, 7);
  a.failure_class = col_text(q, 8);
  a.message = col_text(q, 9);
  a.created_at = q.getColumn(10).getDouble();
  a.backend = col_text(q, 11);
  a.job_id = col_text(q, 12);
  a.tag = col_text(q, 13);
  a.node = col_text(q, 14);
  a.reason = col_text(q, 15);
  if (!q.getColumn(16).isNull()) a.exit_code = q.getColumn(16).getInt();
  a.submitted_at = q.getColumn(17).isNull() ? 0 : q.getColumn(17).getDouble();
  a.started_at = q.getColumn(18).isNull() ? 0 : q.getColumn(18).getDouble();
  a.ended_at = q.getColumn(19).isNull() ? 0 : q.getColumn(19).getDouble();
  return a;
}

// Runs one store operation under the store's lock (the service calls it from the engine and from API
// threads; one operation is one transaction), turning SQLite's exceptions into sa::Error that says which
// operation failed.
template <typename F>
auto guarded(std::recursive_mutex& mutex, const char* what, F&& f) -> decltype(f()) {
  std::lock_guard<std::recursive_mutex> lock(mutex);
  try {
    return f();
  } catch (const SQLite::Exception& e) {
    throw Error(ErrorKind::Io, std::string("store: ") + what + ": " + e.what(), Retry::Retryable);
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::Corrupt, std::string("store: ") + what + ": bad JSON: " + e.what());
  }
}

}  // namespace sqlite_detail

using namespace sqlite_detail;

struct Store::Impl {
  std::recursive_mutex mutex;
  std::filesystem::path file;
  SQLite::Database db;

  explicit Impl(const std::filesystem::path& f)
      : file(f), db(prepare(f), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) {
    db.setBusyTimeout(30000);
    db.exec("PRAGMA journal_mode=WAL");
    db.exec("PRAGMA synchronous=FULL");
    db.exec("PRAGMA foreign_keys=ON");
    migrate();
  }

  static std::string prepare(const std::filesystem::path& f) {
    if (f.has_parent_path()) std::filesystem::create_directories(f.parent_path());
    return f.string();
  }

  void migrate() {
    SQLite::Transaction t(db, SQLite::TransactionBehavior::IMMEDIATE);
    db.exec(std::string(kSchemaSql));
    SQLite::Statement q(db, "SELECT value FROM meta WHERE key = 'schema_version'");
    if (q.executeStep()) {
      int v = std::stoi(q.getColumn(0).getString());
      if (v > kSchemaVersion) {
        throw Error(ErrorKind::Config, "store " + file.string() + " has schema version " + std::to_string(v) +
                                           ", newer than this sealadapter (" + std::to_string(kSchemaVersion) + ")");
      }
    } else {
      db.exec("INSERT INTO meta (key, value) VALUES ('schema_version', '" + std::to_string(kSchemaVersion) + "')");
    }
    t.commit();
  }

  void event(double now, std::int64_t task, std::int64_t attempt, std::string_view kind, const std::string& detail) {
    SQLite::Statement q(db, "INSERT INTO events (at, task_id, attempt_id, kind, detail) VALUES (?, ?, ?, ?, ?)");
    q.bind(1, now);
    q.bind(2, task);
    q.bind(3, attempt);
    q.bind(4, std::string(kind));
    q.bind(5, detail);
    q.exec();
  }

  std::optional<TaskRecord> task(std::int64_t id) {
    SQLite::Statement q(db, std::string("SELECT ") + kTaskColumns + " FROM tasks WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return std::nullopt;
    return read_task(q);
  }

  TaskRecord must_task(std::int64_t id) {
    auto t = task(id);
    if (!t) throw Error(ErrorKind::Usage, "no task " + std::to_string(id));
    return *t;
  }

  std::optional<AttemptRecord> attempt(std::int64_t id) {
    SQLite::Statement q(db, std::string(kAttemptSelect) + "WHERE a.id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return std::nullopt;
    return read_attempt(q);
  }

  std::vector<AttemptRecord> attempts_where(const std::string& where, std::int64_t arg, bool bind) {
    SQLite::Statement q(db, std::string(kAttemptSelect) + where);
    if (bind) q.bind(1, arg);
    std::vector<AttemptRecord> out;
    while (q.executeStep()) out.push_back(read_attempt(q));
    return out;
  }

  void set_task_state(const TaskRecord& t, TaskState s, double now) {
    SQLite::Statement q(db, "UPDATE tasks SET state = ?, updated_at = ? WHERE id = ?");
    q.bind(1, std::string(task_state_name(s)));
    q.bind(2, now);
    q.bind(3, t.id);
    q.exec();
  }
};

}  // namespace sa::adapter
