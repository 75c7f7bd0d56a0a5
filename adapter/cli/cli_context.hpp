// What every command needs, resolved once from global options and the environment: the site (a file, or
// the embedded default with this host's CPUs/memory filled in), the effective resource table (Lotus's
// defaults + env overrides), the store and the job binary.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "backend/backend.hpp"
#include "config/site_config.hpp"
#include "model/resource_table.hpp"
#include "store/store.hpp"

namespace sa::adapter {

class SlurmBackend;

struct CliOptions {
  std::string site_file;  // --site, else SEALADAPTER_SITE; empty = the embedded default
  std::string home;       // --home, else SEALADAPTER_HOME, else ~/.sealadapter
};

class CliContext {
 public:
  // Keeps a reference: the options are filled in by the command-line parser after construction.
  explicit CliContext(const CliOptions& options) : options_(options) {}

  const SiteConfig& site();
  const ResourceTable& table();
  Store& store();
  std::filesystem::path job_binary();
  // The backend the site names (the local backend detects this host on first use).
  Backend& backend();
  // The Slurm backend, or nullptr when the site runs locally.
  SlurmBackend* slurm();
  // Overrides the site's backend (seal --backend); before the first use of backend().
  void set_backend_kind(BackendKind kind);

 private:
  const CliOptions& options_;
  std::optional<SiteConfig> site_;
  std::optional<ResourceTable> table_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Backend> backend_;
};

}  // namespace sa::adapter
