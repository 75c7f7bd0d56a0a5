// TaskRecord / AttemptRecord -> JSON.
#include "api/task_json.hpp"

#include <filesystem>

namespace sa::adapter {

nlohmann::json to_json(const TaskRecord& t) {
  return {
      {"id", t.id},
      {"sector", {{"miner", t.sector.miner}, {"number", t.sector.number}}},
      {"task", std::string(task_string(t.type))},
      {"short", std::string(short_name(t.type))},
      {"proof_type", t.proof.id},
      {"priority", t.priority},
      {"ranks", t.ranks},
      {"state", std::string(task_state_name(t.state))},
      {"attempts", t.attempts},
      {"max_attempts", t.max_attempts},
      {"partition", t.partition},
      {"inputs", t.inputs},
      {"error", t.error},
      {"error_temporary", t.error_temporary},
      {"not_before", t.not_before},
      {"created_at", t.created_at},
      {"updated_at", t.updated_at},
  };
}

nlohmann::json to_json(const AttemptRecord& a) {
  nlohmann::json j = {
      {"id", a.id},
      {"task_id", a.task_id},
      {"number", a.number},
      {"state", std::string(attempt_state_name(a.state))},
      {"partition", a.partition},
      {"request", a.request},
      {"failure_class", a.failure_class},
      {"message", a.message},
      {"job", {{"backend", a.backend}, {"id", a.job_id}, {"tag", a.tag}, {"node", a.node}, {"reason", a.reason},
               {"submitted_at", a.submitted_at}, {"started_at", a.started_at}, {"ended_at", a.ended_at}}},
      {"manifest", a.manifest_path},
      {"result", a.result_path},
  };
  // The job's log: beside the manifest (for a PC1 batch member, a link to the batch job's log there).
  if (!a.manifest_path.empty()) j["log"] = (std::filesystem::path(a.manifest_path).parent_path() / "job.log").string();
  if (a.exit_code) j["job"]["exit_code"] = *a.exit_code;
  return j;
}

}  // namespace sa::adapter
