// The job manifest: the only channel from the adapter to a job (docs/01-job-contract.md). Versioned JSON
// written by the adapter before submission, read by sa-job on the compute node.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace sa::jobs {

inline constexpr const char* kManifestSchema = "sealadapter/job-manifest";
inline constexpr int kManifestVersion = 1;

struct JobManifest {
  std::int64_t task_id = 0;
  int attempt = 1;
  std::string task_type;        // Lotus task string, e.g. "seal/v0/addpiece"
  std::string stage;            // sa-job stage, e.g. "addpiece"
  std::uint64_t miner = 0;      // actor id
  std::uint64_t sector = 0;     // sector number
  std::int64_t proof_type = 0;  // registered seal proof id
  int ranks = 1;                // MPI world size the job must run with
  std::filesystem::path storage_dir;  // Lotus layout root on the shared filesystem
  std::filesystem::path scratch_dir;  // node-local scratch; empty = $TMPDIR
  std::filesystem::path result_path;  // where the result JSON is published atomically
  nlohmann::json inputs = nlohmann::json::object();  // stage-specific (docs/01-job-contract.md)
};

nlohmann::json to_json(const JobManifest& m);
// Throws sa::Error(Usage) naming the missing or mistyped field, or a schema/version it does not understand.
JobManifest manifest_from_json(const nlohmann::json& j);
// A contract file (manifest or batch) as JSON; throws sa::Error(Usage) when unreadable or not JSON.
nlohmann::json read_contract_json(const std::filesystem::path& file);
JobManifest read_manifest(const std::filesystem::path& file);
void write_manifest(const std::filesystem::path& file, const JobManifest& m);

}  // namespace sa::jobs
