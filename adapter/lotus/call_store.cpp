// The calls table (SQLiteCpp, WAL, synchronous=FULL: an acknowledged return must stay acknowledged).
#include "lotus/call_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "base/error.hpp"

namespace sa::adapter::lotus {

namespace {

constexpr const char* kSchema = R"(
CREATE TABLE IF NOT EXISTS calls (
  uuid TEXT PRIMARY KEY,
  miner INTEGER NOT NULL,
  sector INTEGER NOT NULL,
  method TEXT NOT NULL,
  task_id INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL,
  context TEXT NOT NULL,
  return_method TEXT NOT NULL DEFAULT '',
  return_params TEXT NOT NULL DEFAULT 'null',
  declare TEXT NOT NULL DEFAULT '[]',
  send_attempts INTEGER NOT NULL DEFAULT 0,
  next_try REAL NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  created_at REAL NOT NULL,
  returned_at REAL NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS calls_state ON calls(state);
)";

constexpr const char* kColumns =
    "uuid, miner, sector, method, task_id, state, context, return_method, return_params, declare, send_attempts, "
    "next_try, last_error, created_at, returned_at";

CallState parse_state(const std::string& s) {
  if (s == "running") return CallState::Running;
  if (s == "ready") return CallState::Ready;
  if (s == "returned") return CallState::Returned;
  throw Error(ErrorKind::Corrupt, "lotus-calls: unknown call state " + s);
}

CallRecord read(SQLite::Statement& q) {
  CallRecord c;
  c.id.id = q.getColumn(0).getString();
  c.id.sector.miner = static_cast<std::uint64_t>(q.getColumn(1).getInt64());
  c.id.sector.number = static_cast<std::uint64_t>(q.getColumn(2).getInt64());
  c.method = q.getColumn(3).getString();
  c.task_id = q.getColumn(4).getInt64();
  c.state = parse_state(q.getColumn(5).getString());
  c.context = nlohmann::json::parse(q.getColumn(6).getString());
  c.return_method = q.getColumn(7).getString();
  c.return_params = nlohmann::json::parse(q.getColumn(8).getString());
  c.declare = nlohmann::json::parse(q.getColumn(9).getString());
  c.send_attempts = q.getColumn(10).getInt();
  c.next_try = q.getColumn(11).getDouble();
  c.last_error = q.getColumn(12).getString();
  c.created_at = q.getColumn(13).getDouble();
  c.returned_at = q.getColumn(14).getDouble();
  return c;
}

}  // namespace

std::string_view call_state_name(CallState s) {
  switch (s) {
    case CallState::Running: return "running";
    case CallState::Ready: return "ready";
    case CallState::Returned: return "returned";
  }
  return "running";
}

CallStore::CallStore(const std::filesystem::path& file) {
  try {
    db_ = std::make_unique<SQLite::Database>(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db_->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;");
    db_->exec(kSchema);
  } catch (const SQLite::Exception& e) {
    throw Error(ErrorKind::Io, "cannot open " + file.string() + ": " + e.what());
  }
}

CallStore::~CallStore() = default;

void CallStore::add(const CallRecord& c) {
  std::lock_guard<std::mutex> lock(mutex_);
  SQLite::Statement q(*db_, std::string("INSERT INTO calls (") + kColumns + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  q.bind(1, c.id.id);
  q.bind(2, static_cast<std::int64_t>(c.id.sector.miner));
  q.bind(3, static_cast<std::int64_t>(c.id.sector.number));
  q.bind(4, c.method);
  q.bind(5, c.task_id);
  q.bind(6, std::string(call_state_name(c.state)));
  q.bind(7, c.context.dump());
  q.bind(8, c.return_method);
  q.bind(9, c.return_params.dump());
  q.bind(10, c.declare.dump());
  q.bind(11, c.send_attempts);
  q.bind(12, c.next_try);
  q.bind(13, c.last_error);
  q.bind(14, c.created_at);
  q.bind(15, c.returned_at);
  q.exec();
}

std::optional<CallRecord> CallStore::get(const std::string& uuid) const {
  std::lock_guard<std::mutex> lock(mutex_);
  SQLite::Statement q(*db_, std::string("SELECT ") + kColumns + " FROM calls WHERE uuid = ?");
  q.bind(1, uuid);
  if (!q.executeStep()) return std::nullopt;
  return read(q);
}

std::vector<CallRecord> CallStore::with_state(CallState s) const {
  std::lock_guard<std::mutex> lock(mutex_);
  SQLite::Statement q(*db_, std::string("SELECT ") + kColumns + " FROM calls WHERE state = ? ORDER BY created_at");
  q.bind(1, std::string(call_state_name(s)));
  std::vector<CallRecord> out;
  while (q.executeStep()) out.push_back(read(q));
  return out;
}

bool CallStore::set_ready(const std::string& uuid, const std::string& return_method, const nlohmann::json& params) {
  std::lock_guard<std::mutex> lock(mutex_);
  SQLite::Statement q(*db_, "UPDATE calls SET state = 'ready', return_method = ?, return_params = ? WHERE uuid = ? AND state = 'running'");
  q.bind(1, return_method);
  q.bind(2, params.dump());
  q.bind(3, uuid);
  return q.exec() == 1;
}

void CallStore::set_task(const std::string& uuid, std::int64_t task_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  SQLite::Statement q(*db_, "UPDATE calls SET task_id = ? WHERE uuid = ? AND state = 'running'");
  q.bind(1, task_id);
  q.bind(2, uuid);
  q.exec();
}

void CallStore::mark_returned(const std::string& uuid, double now) {
  std::lock_guard<std::mutex> lock(mutex_);
  SQLite::Statement q(*db_, "UPDATE calls SET state = 'returned', returned_at = ? WHERE uuid = ?");
  q.bind(1, now);
  q.bind(2, uuid);
  q.exec();
}

void CallStore::begin_send(const std::string& uuid) {
  std::lock_guard<std::mutex> lock(mutex_);
  SQLite::Statement q(*db_, "UPDATE calls SET send_attempts = send_attempts + 1 WHERE uuid = ?");
  q.bind(1, uuid);
  q.exec();
}

void CallStore::defer(const std::string& uuid, double next_try, const std::string& error) {
  std::lock_guard<std::mutex> lock(mutex_);
  SQLite::Statement q(*db_, "UPDATE calls SET next_try = ?, last_error = ? WHERE uuid = ?");
  q.bind(1, next_try);
  q.bind(2, error);
  q.bind(3, uuid);
  q.exec();
}

}  // namespace sa::adapter::lotus
