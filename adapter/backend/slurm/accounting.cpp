// jobcomp/filetxt reader (accounting.hpp). The line format is slurmctld's JOB_FORMAT in
// src/plugins/jobcomp/filetxt/jobcomp_filetxt.c (22.05); lines are at most 1 KiB there.
#include "backend/slurm/accounting.hpp"

#include <cstdlib>
#include <fstream>
#include <set>

#include "backend/slurm/slurm_state.hpp"

namespace sa::adapter {

namespace {

const std::set<std::string_view> kKeys = {
    "JobId",      "UserId",      "GroupId",  "Name",         "JobState",        "Partition",  "TimeLimit",
    "StartTime",  "EndTime",     "NodeList", "NodeCnt",      "ProcCnt",         "WorkDir",    "ReservationName",
    "Tres",       "Account",     "QOS",      "WcKey",        "Cluster",         "SubmitTime", "EligibleTime",
    "ArrayJobId", "ArrayTaskId", "HetJobId", "HetJobOffset", "DerivedExitCode", "ExitCode"};

std::map<std::string, std::string> fields(std::string_view line) {
  std::map<std::string, std::string> out;
  std::string* last = nullptr;
  std::size_t start = 0;
  while (start < line.size()) {
    std::size_t end = line.find(' ', start);
    if (end == std::string_view::npos) end = line.size();
    const std::string_view token = line.substr(start, end - start);
    start = end + 1;
    const std::size_t eq = token.find('=');
    if (eq != std::string_view::npos && kKeys.count(token.substr(0, eq))) {
      last = &out[std::string(token.substr(0, eq))];
      *last = std::string(token.substr(eq + 1));
    } else if (last) {
      *last += " " + std::string(token);  // a value with a space in it
    }
  }
  return out;
}

}  // namespace

std::optional<JobCompRecord> parse_jobcomp_line(std::string_view line) {
  const auto f = fields(line);
  auto get = [&f](const char* k) -> std::string {
    auto it = f.find(k);
    return it == f.end() ? std::string() : it->second;
  };
  const std::string id = get("JobId");
  const std::string state = get("JobState");
  if (id.empty() || state.empty() || id.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  JobCompRecord r;
  r.job_id = static_cast<std::uint32_t>(std::strtoul(id.c_str(), nullptr, 10));
  r.name = get("Name");
  r.state_name = state;
  r.state = slurm_state_from_name(state);
  r.partition = get("Partition");
  r.nodes = get("NodeList");
  if (r.nodes == "(null)") r.nodes.clear();
  r.start_time = get("StartTime");
  r.end_time = get("EndTime");
  const std::string ec = get("ExitCode");
  if (const std::size_t colon = ec.find(':'); colon != std::string::npos) {
    const int code = std::atoi(ec.substr(0, colon).c_str());
    const int sig = std::atoi(ec.substr(colon + 1).c_str());
    // "0:15": killed by signal 15; "3:0": exited with 3.
    if (sig != 0) {
      r.signal = sig;
    } else {
      r.exit_code = code;
    }
  }
  // "0:125": a step killed for running out of memory (kStepOomSignal) while the batch script only failed.
  const std::string derived = get("DerivedExitCode");
  if (const std::size_t colon = derived.find(':'); colon != std::string::npos &&
                                                    std::atoi(derived.substr(colon + 1).c_str()) == kStepOomSignal) {
    r.state_name = std::string(slurm_state_name(SlurmJobState::OutOfMemory));
    r.state = SlurmJobState::OutOfMemory;
  }
  return r;
}

JobStatus status_from_jobcomp(const JobCompRecord& r) {
  JobStatus st;
  st.job_id = std::to_string(r.job_id);
  st.node = r.nodes;
  st.batch_state = r.state_name;
  if (!is_terminal(r.state)) {
    st.phase = JobPhase::Unknown;
    st.reason = "slurmctld no longer knows the job and its last jobcomp record is " + r.state_name +
                " (a requeue) without a final one";
    return st;
  }
  st.phase = JobPhase::Ended;
  st.exit_code = r.exit_code;
  st.signal = r.signal;
  st.reason = "from the jobcomp log (purged from slurmctld)";
  return st;
}

JobCompLog::JobCompLog(std::filesystem::path file) : file_(std::move(file)) {}

void JobCompLog::refresh() {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file_, ec);
  if (ec) return;  // not written yet
  if (size < offset_) {
    offset_ = 0;
    records_.clear();
  }
  if (size == offset_) return;
  std::ifstream in(file_, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(offset_));
  std::string line;
  while (std::getline(in, line)) {
    if (in.eof()) break;  // no newline yet: slurmctld is still writing it
    offset_ += line.size() + 1;
    if (auto r = parse_jobcomp_line(line)) records_[r->job_id].push_back(std::move(*r));
  }
}

std::optional<JobCompRecord> JobCompLog::find(std::uint32_t job_id, std::string_view name) const {
  auto it = records_.find(job_id);
  if (it == records_.end()) return std::nullopt;
  for (auto r = it->second.rbegin(); r != it->second.rend(); ++r) {
    if (name.empty() || r->name == name) return *r;
  }
  return std::nullopt;
}

}  // namespace sa::adapter
