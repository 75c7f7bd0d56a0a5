// Resolving the site, table, store and backend for a command.
#include "cli/cli_context.hpp"

#include <unistd.h>

#include <cctype>
#include <cstdlib>

#include "api/operations.hpp"
#include "api/rpc_client.hpp"
#include "api/workers_view.hpp"
#include "backend/local/local_backend.hpp"
#include "backend/slurm/slurm_backend.hpp"
#include "base/error.hpp"
#include "model/resource_overrides.hpp"

namespace sa::adapter {

namespace {

std::filesystem::path default_home(const std::string& given) {
  if (!given.empty()) return given;
  if (const char* h = std::getenv("SEALADAPTER_HOME"); h && *h) return h;
  if (const char* h = std::getenv("HOME"); h && *h) return std::filesystem::path(h) / ".sealadapter";
  return std::filesystem::current_path() / ".sealadapter";
}

HostResources host() {
  return detect_host([](const std::string& k) -> std::optional<std::string> {
    const char* v = std::getenv(k.c_str());
    return v ? std::optional<std::string>(v) : std::nullopt;
  });
}

}  // namespace

const SiteConfig& CliContext::site() {
  if (site_) return *site_;
  std::string file = options_.site_file;
  if (file.empty()) {
    if (const char* s = std::getenv("SEALADAPTER_SITE"); s && *s) file = s;
  }
  site_ = file.empty() ? embedded_default_site(default_home(options_.home)) : load_site_file(file);
  // "auto" partition sizes mean this host (allowed only for the local backend).
  bool needs_host = false;
  for (const auto& p : site_->partitions) needs_host |= p.cpus_per_node == 0 || p.memory_per_node == 0;
  if (needs_host) {
    HostResources h = host();
    for (auto& p : site_->partitions) {
      if (p.cpus_per_node == 0) p.cpus_per_node = h.cpus();
      if (p.memory_per_node == 0) p.memory_per_node = h.mem_total;
      if (p.gpus_per_node == 0) p.gpus_per_node = static_cast<int>(h.gpus.size());
    }
  }
  return *site_;
}

const ResourceTable& CliContext::table() {
  if (!table_) table_ = apply_resource_overrides(ResourceTable::lotus_default(), process_env());
  return *table_;
}

Store& CliContext::store() {
  if (!store_) store_ = std::make_unique<Store>(site().state_dir / "sealadapter.db");
  return *store_;
}

std::filesystem::path CliContext::job_binary() {
  if (!site().job_binary.empty()) return site().job_binary;
  // Installed side by side: sa-job lives next to sealadapter (build tree and install tree alike).
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw Error(ErrorKind::Internal, "cannot find this executable: " + ec.message());
  for (auto dir : {self.parent_path(), self.parent_path().parent_path() / "jobs"}) {
    if (::access((dir / "sa-job").c_str(), X_OK) == 0) return dir / "sa-job";
  }
  throw Error(ErrorKind::Config, "sa-job not found next to " + self.string() + "; set job_binary in the site file");
}

Backend& CliContext::backend() {
  if (backend_) return *backend_;
  if (site().backend == BackendKind::Local) {
    backend_ = std::make_unique<LocalBackend>(host());
    return *backend_;
  }
  SlurmOptions o = slurm_options_for(site());
  // Jobs get a clean environment (sbatch --export=NONE style): PATH and HOME, the settings users already
  // tune (FIL_PROOFS_*, BELLMAN_*, TMPDIR... are forwarded per job by the engine) and nothing else.
  for (const char* name : {"PATH", "HOME", "LANG"}) {
    if (const char* v = std::getenv(name); v && *v) o.submit.environment[name] = v;
  }
  backend_ = std::make_unique<SlurmBackend>(o);
  return *backend_;
}

SlurmBackend* CliContext::slurm() { return dynamic_cast<SlurmBackend*>(&backend()); }

void CliContext::set_pc1_batch(int n, int wait) {
  SiteConfig& s = const_cast<SiteConfig&>(site());
  s.pc1_batch = n;
  if (s.pc1_batch_wait == 0) s.pc1_batch_wait = wait;
}

void CliContext::set_backend_kind(BackendKind kind) {
  SiteConfig& s = const_cast<SiteConfig&>(site());
  if (kind == BackendKind::Slurm && s.source == "<embedded default>") {
    throw Error(ErrorKind::Usage, "the Slurm backend needs a site file describing the partitions (--site FILE, e.g. site/local-test.toml)");
  }
  s.backend = kind;
}

}  // namespace sa::adapter

namespace sa::adapter {

std::optional<ApiInfo> CliContext::api_info() const {
  std::string text = options_.api;
  if (text.empty()) {
    if (const char* v = std::getenv("SEALADAPTER_API_INFO"); v && *v) text = v;
  }
  if (text.empty()) return std::nullopt;
  auto info = parse_api_info(text);
  if (!info) throw Error(ErrorKind::Usage, "cannot read the API info \"" + text + "\" (TOKEN:/ip4/HOST/tcp/PORT/http)");
  return info;
}

nlohmann::json CliContext::call(const std::string& op, const nlohmann::json& params) {
  if (auto info = api_info()) {
    std::string method = "Sealadapter." + op;
    method[12] = static_cast<char>(std::toupper(static_cast<unsigned char>(method[12])));
    return RpcClient(*info).call(method, params);
  }
  Operations ops(store(), site(), Operations::Hooks{[this](const AttemptRecord& a) { backend().cancel(JobHandle{a.job_id, a.tag}); },
                                                    [this] { return workers_view(store(), site(), backend()); }});
  auto arg = [&](std::size_t i) { return params.is_array() && i < params.size() ? params[i] : nlohmann::json(); };
  if (op == "submit") return ops.submit(arg(0));
  if (op == "status") return ops.status(arg(0));
  if (op == "jobs") return ops.jobs(arg(0).is_boolean() && arg(0).get<bool>());
  if (op == "cancel") return ops.cancel(arg(0).get<std::int64_t>());
  if (op == "retry") return ops.retry(arg(0).get<std::int64_t>(), arg(1).is_number() ? arg(1).get<int>() : 1);
  if (op == "result") return ops.result(arg(0).get<std::int64_t>());
  if (op == "workers") return ops.workers();
  throw Error(ErrorKind::Internal, "unknown operation " + op);
}

}  // namespace sa::adapter
