// Drives the engine from a command (run, submit --wait, seal): cycles until `done` says so, sleeping briefly
// between cycles, printing state changes of tasks while it waits. Holds the engine lock.
#pragma once

#include <functional>
#include <set>

#include "cli/cli_context.hpp"

namespace sa::adapter {

struct RunOptions {
  double interval_seconds = 0.2;  // local jobs end quickly; the Slurm backend adapts its own interval
  bool verbose = true;            // print task state changes on stderr
  std::set<std::int64_t> watch;   // tasks whose changes are printed (empty: all)
};

// After every cycle `done` is called: it may queue more work, and returns true to stop. The loop also
// stops when nothing is active or queued any more (tasks that fit no worker are failed by the engine with
// the reason, so a command never waits forever).
void run_engine(CliContext& ctx, const std::function<bool()>& done, const RunOptions& options);

std::map<std::string, std::string> forwarded_env();

}  // namespace sa::adapter
