// Resolving the site, table, store and backend for a command.
#include "cli/cli_context.hpp"

#include <unistd.h>

#include <cstdlib>

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

void CliContext::set_backend_kind(BackendKind kind) {
  SiteConfig& s = const_cast<SiteConfig&>(site());
  if (kind == BackendKind::Slurm && s.source == "<embedded default>") {
    throw Error(ErrorKind::Usage, "the Slurm backend needs a site file describing the partitions (--site FILE, e.g. site/local-test.toml)");
  }
  s.backend = kind;
}

}  // namespace sa::adapter
