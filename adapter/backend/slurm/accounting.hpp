// The jobcomp/filetxt log (JobCompLoc): one line per finished job, appended by slurmctld. It is the record
// of jobs the controller has already purged (MinJobAge) on clusters without slurmdbd, so a job that
// vanished is looked up here before it is declared Unknown (hpc.md §3.2).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backend/backend.hpp"
#include "backend/slurm/slurm_api.hpp"

namespace sa::adapter {

struct JobCompRecord {
  std::uint32_t job_id = 0;
  std::string name;
  std::string state_name;  // "COMPLETED", "OUT_OF_MEMORY", ... ("PENDING" for a requeue event)
  SlurmJobState state = SlurmJobState::Unknown;
  std::string partition;
  std::string nodes;
  std::optional<int> exit_code;  // ExitCode=<code>:<signal>
  std::optional<int> signal;
  std::string start_time;
  std::string end_time;
};

// One "JobId=... Name=... JobState=..." line; nullopt when it is not one (a torn or foreign line). Values
// may contain spaces (WorkDir): only known keys start a new field.
std::optional<JobCompRecord> parse_jobcomp_line(std::string_view line);

// Ended (or Unknown for a requeue event) with the record's state, nodes, exit code and signal.
JobStatus status_from_jobcomp(const JobCompRecord& r);

class JobCompLog {
 public:
  explicit JobCompLog(std::filesystem::path file);

  // Reads what was appended since the last call; starts over when the file shrank (a fresh cluster, or
  // rotation). A missing file is an empty log. A last line without its newline is read next time.
  void refresh();
  // The last record of `job_id` whose job name is `name` (any name when empty): job ids restart at 1 on a
  // fresh controller, the name tells our job from an older one with the same id.
  std::optional<JobCompRecord> find(std::uint32_t job_id, std::string_view name = {}) const;
  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
  std::uint64_t offset_ = 0;
  std::map<std::uint32_t, std::vector<JobCompRecord>> records_;
};

}  // namespace sa::adapter
