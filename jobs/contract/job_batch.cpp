// JobBatch <-> JSON.
#include "contract/job_batch.hpp"

#include "contract/json_fields.hpp"
#include "publish/atomic_file.hpp"

namespace sa::jobs {

nlohmann::json to_json(const JobBatch& b) {
  nlohmann::json members = nlohmann::json::array();
  for (const auto& m : b.members) members.push_back(m.string());
  return {{"schema", kBatchSchema}, {"version", kBatchVersion}, {"stage", b.stage}, {"members", members}};
}

bool is_batch(const nlohmann::json& j) { return j.is_object() && j.value("schema", "") == kBatchSchema; }

JobBatch batch_from_json(const nlohmann::json& j) {
  const char* w = "batch";
  if (!is_batch(j)) throw Error(ErrorKind::Usage, "batch: not a " + std::string(kBatchSchema) + " document");
  auto version = required_field<int>(j, "version", w);
  if (version != kBatchVersion) {
    throw Error(ErrorKind::Usage, "batch: version " + std::to_string(version) + " is not supported (this sa-job reads version " +
                                      std::to_string(kBatchVersion) + ")");
  }
  JobBatch b;
  b.stage = required_field<std::string>(j, "stage", w);
  for (const auto& m : required_field<std::vector<std::string>>(j, "members", w)) {
    if (m.empty()) throw Error(ErrorKind::Usage, "batch: a member manifest path is empty");
    b.members.emplace_back(m);
  }
  if (b.members.empty()) throw Error(ErrorKind::Usage, "batch: no members");
  return b;
}

void write_batch(const std::filesystem::path& file, const JobBatch& b) {
  staging::write_file_atomic(file, to_json(b).dump(2) + "\n");
}

}  // namespace sa::jobs
