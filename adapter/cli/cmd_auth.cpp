// `sealadapter auth create-token --perm P` and `auth api-info --perm P`, as `lotus-miner auth` does them.
#include <iostream>

#include "api/api_info.hpp"
#include "api/auth_token.hpp"
#include "base/error.hpp"
#include "cli/commands.hpp"
#include <fstream>
#include <sstream>

namespace sa::adapter {

namespace {

Permission perm_of(const std::string& text) {
  auto p = parse_permission(text);
  if (!p) throw Error(ErrorKind::Usage, "--perm must be read, write, sign or admin, not \"" + text + "\"");
  return *p;
}

std::string token_for(CliContext& ctx, const std::string& perm) {
  return JwtSecret::load_or_create(ctx.site().state_dir / "jwt-secret").create_token(perm_of(perm));
}

}  // namespace

void register_auth(CLI::App& app, CliContext& ctx) {
  auto* auth = app.add_subcommand("auth", "API tokens for the service");
  auth->require_subcommand(1);
  auto perm = std::make_shared<std::string>();
  auto* create = auth->add_subcommand("create-token", "Print a token allowing every permission up to --perm");
  create->add_option("--perm", *perm, "read, write, sign or admin")->required();
  create->callback([&ctx, perm] { std::cout << token_for(ctx, *perm) << "\n"; });

  auto* info = auth->add_subcommand("api-info", "Print SEALADAPTER_API_INFO=TOKEN:MULTIADDR for the running service");
  info->add_option("--perm", *perm, "read, write, sign or admin")->required();
  info->callback([&ctx, perm] {
    auto file = ctx.site().state_dir / "api";
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
      throw Error(ErrorKind::Usage, "no service has run on " + ctx.site().state_dir.string() + " yet (" + file.string() + " is missing); start `sealadapter serve`");
    }
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    std::string addr = text.str();
    while (!addr.empty() && (addr.back() == '\n' || addr.back() == ' ')) addr.pop_back();
    auto parsed = parse_api_info(addr);
    if (!parsed) throw Error(ErrorKind::Corrupt, file.string() + " does not hold an API address: " + addr);
    parsed->token = token_for(ctx, *perm);
    std::cout << "SEALADAPTER_API_INFO=" << format_api_info(*parsed) << "\n";
  });
}

}  // namespace sa::adapter
