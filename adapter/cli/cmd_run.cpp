// `sealadapter run`: drive the engine here until the queue is empty (the service, `serve`, never stops).
#include <iostream>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/engine_runner.hpp"

namespace sa::adapter {

void register_run(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("run", "Run queued tasks on the site's backend until none is left");
  auto quiet = std::make_shared<bool>(false);
  auto interval = std::make_shared<double>(0.2);
  cmd->add_flag("--quiet", *quiet, "Do not print task state changes");
  cmd->add_option("--interval", *interval, "Seconds between engine cycles")->capture_default_str()->check(CLI::Range(0.01, 600.0));
  cmd->callback([&ctx, quiet, interval] {
    RunOptions ro;
    ro.verbose = !*quiet;
    ro.interval_seconds = *interval;
    run_engine(ctx, [] { return false; }, ro);
    int failed = static_cast<int>(ctx.store().tasks({{TaskState::Failed}}).size());
    std::cerr << "queue empty; " << ctx.store().tasks({{TaskState::Done}}).size() << " done, " << failed << " failed\n";
  });
}

}  // namespace sa::adapter
