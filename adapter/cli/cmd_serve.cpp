// `sealadapter serve`: the long-lived service (engine + API, and the Lotus worker link with MINER_API_INFO).
#include <cstdlib>
#include <iostream>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/engine_runner.hpp"
#include "engine/engine_lock.hpp"
#include "lotus/miner_link.hpp"
#include "service/service.hpp"
#include "service/service_log.hpp"

namespace sa::adapter {

namespace {

std::pair<std::string, int> parse_listen(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) throw Error(ErrorKind::Usage, "--listen wants HOST:PORT, not \"" + text + "\"");
  std::string host = text.substr(0, colon);
  int port = -1;
  try {
    std::size_t used = 0;
    port = std::stoi(text.substr(colon + 1), &used);
    if (used != text.size() - colon - 1) port = -1;
  } catch (const std::exception&) {
  }
  if (port < 0 || port > 65535) throw Error(ErrorKind::Usage, "--listen: bad port in \"" + text + "\"");
  return {host, port};
}

// MINER_API_INFO (or the deprecated STORAGE_API_INFO), as lotus-worker reads it; the first of a list.
std::optional<ApiInfo> miner_api_info() {
  const char* v = std::getenv("MINER_API_INFO");
  if (!v || !*v) v = std::getenv("STORAGE_API_INFO");
  if (!v || !*v) return std::nullopt;
  std::string text = v;
  text = text.substr(0, text.find(','));
  auto info = parse_api_info(text);
  if (!info) throw Error(ErrorKind::Usage, "cannot read MINER_API_INFO \"" + text + "\" (TOKEN:/ip4/HOST/tcp/PORT/http)");
  return info;
}

}  // namespace

void register_serve(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("serve", "Run the service: the engine, the JSON-RPC API and (with MINER_API_INFO) the Lotus worker link");
  auto listen = std::make_shared<std::string>("127.0.0.1:3457");
  if (const char* l = std::getenv("SEALADAPTER_LISTEN"); l && *l) *listen = l;
  auto interval = std::make_shared<double>(2.0);
  auto level = std::make_shared<std::string>("info");
  if (const char* l = std::getenv("SEALADAPTER_LOG_LEVEL"); l && *l) *level = l;
  cmd->add_option("--listen", *listen, "API address HOST:PORT (port 0: any free port; $SEALADAPTER_LISTEN)")->capture_default_str();
  cmd->add_option("--interval", *interval, "Longest pause between engine cycles, seconds")->capture_default_str()->check(CLI::Range(0.05, 600.0));
  cmd->add_option("--log-level", *level, "debug, info, warn or error ($SEALADAPTER_LOG_LEVEL)")->capture_default_str();
  cmd->callback([&ctx, listen, interval, level] {
    set_log_level(*level);
    auto [host, port] = parse_listen(*listen);
    EngineLock lock(ctx.site().state_dir);
    ServiceOptions so;
    so.host = host;
    so.port = port;
    so.interval_seconds = *interval;
    so.version = SA_VERSION;
    Service service(ctx.store(), ctx.backend(), ctx.site(), ctx.table(), EngineOptions{ctx.job_binary(), forwarded_env()},
                    JwtSecret::load_or_create(ctx.site().state_dir / "jwt-secret"), so);
    if (auto miner = miner_api_info()) {
      lotus::MinerLinkOptions lo;
      if (const char* a = std::getenv("SEALADAPTER_ADVERTISE_URL"); a && *a) lo.advertise_url = a;
      if (const char* w = std::getenv("SEALADAPTER_PUSH_WAIT_SECONDS"); w && *w) {
        char* end = nullptr;
        lo.push_wait_seconds = std::strtod(w, &end);
        if (*end != '\0' || !(lo.push_wait_seconds > 0)) {
          throw Error(ErrorKind::Config, std::string("SEALADAPTER_PUSH_WAIT_SECONDS: not a positive number of seconds: ") + w);
        }
      }
      auto link = std::make_unique<lotus::MinerLink>(*miner, ctx.store(), ctx.site(), ctx.table(), lo);
      auto* raw = link.get();
      service.add_token_verifier([raw](const std::string& t) { return raw->verify_miner_token(t); });
      service.add_component(std::move(link));
    }
    service.run(true);
  });
}

}  // namespace sa::adapter
