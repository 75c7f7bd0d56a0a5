-- sealadapter store, schema version 1. Applied in one transaction by store/sqlite_store.cpp.
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS tasks (
  id INTEGER PRIMARY KEY,
  miner INTEGER NOT NULL,
  sector INTEGER NOT NULL,
  task_type TEXT NOT NULL,                 -- Lotus task string
  proof_type INTEGER NOT NULL,
  priority INTEGER NOT NULL DEFAULT 0,
  ranks INTEGER NOT NULL DEFAULT 1,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 3,
  partition TEXT NOT NULL DEFAULT '',
  inputs TEXT NOT NULL DEFAULT '{}',
  error TEXT NOT NULL DEFAULT '',
  error_temporary INTEGER NOT NULL DEFAULT 0,
  not_before REAL NOT NULL DEFAULT 0,
  created_at REAL NOT NULL,
  updated_at REAL NOT NULL,
  UNIQUE (miner, sector, task_type)
);
CREATE INDEX IF NOT EXISTS tasks_state ON tasks (state);

CREATE TABLE IF NOT EXISTS attempts (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks (id),
  number INTEGER NOT NULL,
  state TEXT NOT NULL,
  partition TEXT NOT NULL DEFAULT '',
  request TEXT NOT NULL DEFAULT '{}',
  manifest_path TEXT NOT NULL DEFAULT '',
  result_path TEXT NOT NULL DEFAULT '',
  failure_class TEXT NOT NULL DEFAULT '',
  message TEXT NOT NULL DEFAULT '',
  created_at REAL NOT NULL,
  UNIQUE (task_id, number)
);
CREATE INDEX IF NOT EXISTS attempts_state ON attempts (state);

CREATE TABLE IF NOT EXISTS jobs (
  attempt_id INTEGER PRIMARY KEY REFERENCES attempts (id),
  backend TEXT NOT NULL,
  job_id TEXT NOT NULL,
  tag TEXT NOT NULL,
  node TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  exit_code INTEGER,
  submitted_at REAL NOT NULL,
  started_at REAL NOT NULL DEFAULT 0,
  ended_at REAL NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS results (
  task_id INTEGER PRIMARY KEY REFERENCES tasks (id),
  attempt_id INTEGER NOT NULL REFERENCES attempts (id),
  outputs TEXT NOT NULL,
  recorded_at REAL NOT NULL
);

CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY,
  at REAL NOT NULL,
  task_id INTEGER NOT NULL,
  attempt_id INTEGER NOT NULL DEFAULT 0,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS events_task ON events (task_id);
