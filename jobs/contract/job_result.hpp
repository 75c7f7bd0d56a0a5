// The job result: written atomically by sa-job next to the manifest; the adapter's primary signal that a
// job ended and what it produced (docs/01-job-contract.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "contract/exit_status.hpp"

namespace sa::jobs {

inline constexpr const char* kResultSchema = "sealadapter/job-result";
inline constexpr int kResultVersion = 1;

enum class ResultStatus { Ok, Retryable, Permanent };

struct JobResult {
  std::int64_t task_id = 0;
  int attempt = 0;
  std::string stage;
  ResultStatus status = ResultStatus::Ok;
  nlohmann::json outputs = nlohmann::json::object();
  std::string error_kind;     // sa::ErrorKind name when status != Ok
  std::string error_message;
  std::string host;
  int ranks = 1;
  std::string started_at;     // RFC 3339 UTC
  std::string finished_at;
  double wall_seconds = 0;
  std::uint64_t peak_rss_bytes = 0;
  double cpu_seconds = 0;  // user + system CPU of every rank, summed
};

std::string_view status_name(ResultStatus s);
JobExit exit_for(ResultStatus s);
// The status an exit code stands for when no result file exists (unknown codes and signals: retryable).
ResultStatus status_for_exit(int exit_code);

nlohmann::json to_json(const JobResult& r);
JobResult result_from_json(const nlohmann::json& j);
// nullopt when the file does not exist yet; throws sa::Error(Corrupt) when it exists but does not parse.
std::optional<JobResult> read_result(const std::filesystem::path& file);

}  // namespace sa::jobs
