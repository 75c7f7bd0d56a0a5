// Each command registers itself on the CLI11 app; main() owns the app and the error policy.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"

namespace sa::adapter {

void register_resources(CLI::App& app, CliContext& ctx);
void register_render(CLI::App& app, CliContext& ctx);
void register_submit(CLI::App& app, CliContext& ctx);
void register_status(CLI::App& app, CliContext& ctx);
void register_workers(CLI::App& app, CliContext& ctx);
void register_task_actions(CLI::App& app, CliContext& ctx);  // cancel, retry, result
void register_commp(CLI::App& app, CliContext& ctx);
void register_run(CLI::App& app, CliContext& ctx);
void register_seal(CLI::App& app, CliContext& ctx);
void register_unseal(CLI::App& app, CliContext& ctx);
void register_bench(CLI::App& app, CliContext& ctx);
void register_report(CLI::App& app, CliContext& ctx);
void register_serve(CLI::App& app, CliContext& ctx);
void register_auth(CLI::App& app, CliContext& ctx);
void register_export(CLI::App& app, CliContext& ctx);  // export commit1

}  // namespace sa::adapter
