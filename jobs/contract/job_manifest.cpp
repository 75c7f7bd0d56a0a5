// JobManifest <-> JSON.
#include "contract/job_manifest.hpp"

#include <fstream>
#include <sstream>

#include "contract/json_fields.hpp"
#include "publish/atomic_file.hpp"

namespace sa::jobs {

nlohmann::json to_json(const JobManifest& m) {
  return {
      {"schema", kManifestSchema},
      {"version", kManifestVersion},
      {"task", {{"id", m.task_id}, {"attempt", m.attempt}, {"type", m.task_type}}},
      {"stage", m.stage},
      {"sector", {{"miner", m.miner}, {"number", m.sector}, {"proof_type", m.proof_type}}},
      {"ranks", m.ranks},
      {"paths",
       {{"storage", m.storage_dir.string()}, {"scratch", m.scratch_dir.string()}, {"result", m.result_path.string()}}},
      {"inputs", m.inputs},
  };
}

JobManifest manifest_from_json(const nlohmann::json& j) {
  const char* w = "manifest";
  if (!j.is_object()) throw Error(ErrorKind::Usage, "manifest: not a JSON object");
  auto schema = required_field<std::string>(j, "schema", w);
  if (schema != kManifestSchema) throw Error(ErrorKind::Usage, "manifest: unknown schema \"" + schema + "\"");
  auto version = required_field<int>(j, "version", w);
  if (version != kManifestVersion) {
    throw Error(ErrorKind::Usage, "manifest: version " + std::to_string(version) + " is not supported (this sa-job reads version " +
                                      std::to_string(kManifestVersion) + "); the adapter and sa-job must come from the same release");
  }
  JobManifest m;
  const auto& task = required_field<nlohmann::json>(j, "task", w);
  m.task_id = required_field<std::int64_t>(task, "id", "manifest.task");
  m.attempt = required_field<int>(task, "attempt", "manifest.task");
  m.task_type = required_field<std::string>(task, "type", "manifest.task");
  m.stage = required_field<std::string>(j, "stage", w);
  const auto& sector = required_field<nlohmann::json>(j, "sector", w);
  m.miner = required_field<std::uint64_t>(sector, "miner", "manifest.sector");
  m.sector = required_field<std::uint64_t>(sector, "number", "manifest.sector");
  m.proof_type = required_field<std::int64_t>(sector, "proof_type", "manifest.sector");
  m.ranks = optional_field<int>(j, "ranks", 1, w);
  if (m.ranks < 1) throw Error(ErrorKind::Usage, "manifest: ranks must be at least 1");
  const auto& paths = required_field<nlohmann::json>(j, "paths", w);
  m.storage_dir = required_field<std::string>(paths, "storage", "manifest.paths");
  m.scratch_dir = optional_field<std::string>(paths, "scratch", "", "manifest.paths");
  m.result_path = required_field<std::string>(paths, "result", "manifest.paths");
  m.inputs = optional_field<nlohmann::json>(j, "inputs", nlohmann::json::object(), w);
  return m;
}

nlohmann::json read_contract_json(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw Error(ErrorKind::Usage, "cannot read manifest " + file.string());
  std::stringstream ss;
  ss << in.rdbuf();
  try {
    return nlohmann::json::parse(ss.str());
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(ErrorKind::Usage, "manifest " + file.string() + " is not valid JSON: " + e.what());
  }
}

JobManifest read_manifest(const std::filesystem::path& file) {
  nlohmann::json j = read_contract_json(file);
  try {
    return manifest_from_json(j);
  } catch (const Error& e) {
    throw e.with_context(file.string());
  }
}

void write_manifest(const std::filesystem::path& file, const JobManifest& m) {
  staging::write_file_atomic(file, to_json(m).dump(2) + "\n");
}

}  // namespace sa::jobs
