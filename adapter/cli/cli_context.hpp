// What every command needs, resolved once from global options and the environment: the site (a file, or
// the embedded default with this host's CPUs/memory filled in), the effective resource table (Lotus's
// defaults + env overrides), the store and the job binary.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "api/api_info.hpp"
#include "backend/backend.hpp"
#include "config/site_config.hpp"
#include "model/resource_table.hpp"
#include "store/store.hpp"

namespace sa::adapter {

class SlurmBackend;

struct CliOptions {
  std::string site_file;  // --site, else SEALADAPTER_SITE; empty = the embedded default
  std::string home;       // --home, else SEALADAPTER_HOME, else ~/.sealadapter
  std::string api;        // --api, else SEALADAPTER_API_INFO: talk to a running service
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
  // `seal --pc1-batch N`: N sectors' PC1 per job; a partial batch waits `wait` seconds unless the site says.
  void set_pc1_batch(int n, int wait);

  // The service to talk to (--api or SEALADAPTER_API_INFO), if any.
  std::optional<ApiInfo> api_info() const;
  // One operation (submit, status, jobs, cancel, retry, result, workers) with JSON params: through the
  // running service when one is configured, else on the local store (api/operations.hpp).
  nlohmann::json call(const std::string& operation, const nlohmann::json& params);

 private:
  const CliOptions& options_;
  std::optional<SiteConfig> site_;
  std::optional<ResourceTable> table_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Backend> backend_;
};

}  // namespace sa::adapter
