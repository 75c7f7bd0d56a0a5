// The command-side engine loop.
#include "cli/engine_runner.hpp"

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <thread>

#include "engine/engine.hpp"
#include "engine/engine_lock.hpp"

extern char** environ;

namespace sa::adapter {

std::map<std::string, std::string> forwarded_env() {
  std::map<std::string, std::string> out;
  for (char** e = environ; *e; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq == std::string::npos) continue;
    std::string k = kv.substr(0, eq);
    if (k.rfind("FIL_PROOFS_", 0) == 0 || k.rfind("BELLMAN_", 0) == 0) out[k] = kv.substr(eq + 1);
  }
  return out;
}

void run_engine(CliContext& ctx, const std::function<bool()>& done, const RunOptions& options) {
  EngineLock lock(ctx.site().state_dir);
  Engine engine(ctx.store(), ctx.backend(), ctx.site(), ctx.table(), EngineOptions{ctx.job_binary(), forwarded_env()});
  std::map<std::int64_t, std::string> seen;
  auto report_changes = [&] {
    if (!options.verbose) return;
    for (const TaskRecord& t : ctx.store().tasks()) {
      if (!options.watch.empty() && !options.watch.count(t.id)) continue;
      std::string state(task_state_name(t.state));
      auto& last = seen[t.id];
      if (last == state) continue;
      last = state;
      std::cerr << "task " << t.id << " " << short_name(t.type) << " sector " << t.sector.miner << "/" << t.sector.number
                << ": " << state;
      if (!t.error.empty() && t.state != TaskState::Done && t.state != TaskState::Running) std::cerr << " (" << t.error << ")";
      std::cerr << "\n";
    }
  };
  double interval = options.interval_seconds;
  for (;;) {
    CycleReport r = engine.step();
    report_changes();
    if (done()) return;
    // `done` may have queued more work (the seal pipeline does), so ask the store, not the report.
    if (r.active == 0 && r.started == 0 && ctx.store().active_attempts().empty() &&
        ctx.store().tasks({{TaskState::Queued}}).empty()) {
      return;
    }
    // Adaptive: back to the base interval when something happened, slower (up to 10x) while nothing does,
    // so a long PC1 costs the batch system almost nothing (the Slurm backend's poll is one RPC anyway).
    bool changed = r.started > 0 || r.ended > 0;
    interval = changed ? options.interval_seconds : std::min(interval * 1.5, options.interval_seconds * 10);
    std::this_thread::sleep_for(std::chrono::duration<double>(interval));
  }
}

}  // namespace sa::adapter
