// JobResult <-> JSON, and the mapping between result status and exit code.
#include "contract/job_result.hpp"

#include <fstream>
#include <sstream>

#include "contract/json_fields.hpp"

namespace sa::jobs {

std::string_view status_name(ResultStatus s) {
  switch (s) {
    case ResultStatus::Ok: return "ok";
    case ResultStatus::Retryable: return "retryable";
    case ResultStatus::Permanent: return "permanent";
  }
  return "permanent";
}

JobExit exit_for(ResultStatus s) {
  switch (s) {
    case ResultStatus::Ok: return JobExit::Ok;
    case ResultStatus::Retryable: return JobExit::Retryable;
    case ResultStatus::Permanent: return JobExit::Permanent;
  }
  return JobExit::Permanent;
}

ResultStatus status_for_exit(int code) {
  switch (code) {
    case 0: return ResultStatus::Ok;
    case exit_code(JobExit::Usage):
    case exit_code(JobExit::Permanent): return ResultStatus::Permanent;
    default: return ResultStatus::Retryable;
  }
}

nlohmann::json to_json(const JobResult& r) {
  nlohmann::json j = {
      {"schema", kResultSchema},
      {"version", kResultVersion},
      {"task", {{"id", r.task_id}, {"attempt", r.attempt}}},
      {"stage", r.stage},
      {"status", status_name(r.status)},
      {"outputs", r.outputs},
      {"host", r.host},
      {"ranks", r.ranks},
      {"started_at", r.started_at},
      {"finished_at", r.finished_at},
      {"wall_seconds", r.wall_seconds},
      {"peak_rss_bytes", r.peak_rss_bytes},
      {"cpu_seconds", r.cpu_seconds},
  };
  if (r.status != ResultStatus::Ok) j["error"] = {{"kind", r.error_kind}, {"message", r.error_message}};
  return j;
}

JobResult result_from_json(const nlohmann::json& j) {
  const char* w = "result";
  if (!j.is_object()) throw Error(ErrorKind::Corrupt, "result: not a JSON object");
  if (optional_field<std::string>(j, "schema", "", w) != kResultSchema) throw Error(ErrorKind::Corrupt, "result: unknown schema");
  if (optional_field<int>(j, "version", 0, w) != kResultVersion) throw Error(ErrorKind::Corrupt, "result: unsupported version");
  JobResult r;
  const auto& task = required_field<nlohmann::json>(j, "task", w);
  r.task_id = required_field<std::int64_t>(task, "id", "result.task");
  r.attempt = required_field<int>(task, "attempt", "result.task");
  r.stage = required_field<std::string>(j, "stage", w);
  auto status = required_field<std::string>(j, "status", w);
  if (status == "ok") r.status = ResultStatus::Ok;
  else if (status == "retryable") r.status = ResultStatus::Retryable;
  else if (status == "permanent") r.status = ResultStatus::Permanent;
  else throw Error(ErrorKind::Corrupt, "result: unknown status \"" + status + "\"");
  r.outputs = optional_field<nlohmann::json>(j, "outputs", nlohmann::json::object(), w);
  if (j.contains("error")) {
    r.error_kind = optional_field<std::string>(j["error"], "kind", "", "result.error");
    r.error_message = optional_field<std::string>(j["error"], "message", "", "result.error");
  }
  r.host = optional_field<std::string>(j, "host", "", w);
  r.ranks = optional_field<int>(j, "ranks", 1, w);
  r.started_at = optional_field<std::string>(j, "started_at", "", w);
  r.finished_at = optional_field<std::string>(j, "finished_at", "", w);
  r.wall_seconds = optional_field<double>(j, "wall_seconds", 0, w);
  r.peak_rss_bytes = optional_field<std::uint64_t>(j, "peak_rss_bytes", 0, w);
  r.cpu_seconds = optional_field<double>(j, "cpu_seconds", 0, w);
  return r;
}

std::optional<JobResult> read_result(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) {
    if (!std::filesystem::exists(file)) return std::nullopt;
    throw Error(ErrorKind::Io, "cannot read result " + file.string(), Retry::Retryable);
  }
  std::stringstream ss;
  ss << in.rdbuf();
  try {
    return result_from_json(nlohmann::json::parse(ss.str()));
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::Corrupt, "result " + file.string() + " is not valid JSON: " + e.what());
  } catch (const Error& e) {
    throw Error(ErrorKind::Corrupt, file.string() + ": " + e.what());
  }
}

}  // namespace sa::jobs
