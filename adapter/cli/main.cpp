// sealadapter: the CLI. Global options, subcommands, and the error policy: one line on stderr,
// exit 2 for usage errors, 1 for everything else.
#include <iostream>

#include "base/error.hpp"
#include "cli/commands.hpp"

int main(int argc, char** argv) {
  using namespace sa::adapter;
  CLI::App app{"sealadapter: seal Filecoin sectors on an HPC cluster through Slurm", "sealadapter"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("sealadapter ") + SA_VERSION);
  CliOptions options;
  app.add_option("--site", options.site_file, "Site file (TOML); default: $SEALADAPTER_SITE, else the embedded local default");
  app.add_option("--home", options.home, "State directory of the embedded default site; default: $SEALADAPTER_HOME or ~/.sealadapter");
  app.add_option("--api", options.api, "A running service to talk to (TOKEN:/ip4/HOST/tcp/PORT/http); default: $SEALADAPTER_API_INFO");
  CliContext ctx(options);
  register_seal(app, ctx);
  register_unseal(app, ctx);
  register_submit(app, ctx);
  register_status(app, ctx);
  register_task_actions(app, ctx);
  register_workers(app, ctx);
  register_resources(app, ctx);
  register_render(app, ctx);
  register_commp(app, ctx);
  register_run(app, ctx);
  register_bench(app, ctx);
  register_report(app, ctx);
  register_serve(app, ctx);
  register_auth(app, ctx);
  register_export(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::cerr << "sealadapter: error: " << e.what() << "\n";
    return 2;
  } catch (const sa::Error& e) {
    std::cerr << "sealadapter: error: " << e.what() << "\n";
    return e.kind() == sa::ErrorKind::Usage ? 2 : 1;
  } catch (const std::exception& e) {
    std::cerr << "sealadapter: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
