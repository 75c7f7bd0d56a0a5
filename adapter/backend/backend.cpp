// Argument checks shared by every backend.
#include "backend/backend.hpp"

#include <map>

#include "base/error.hpp"

namespace sa::adapter {

JobHandle Backend::submit(const JobLaunch& l) {
  if (l.tag.empty()) throw Error(ErrorKind::Internal, "submit: a job needs a tag");
  if (l.request.ntasks < 1 || l.request.cpus_per_task < 1 || l.request.nodes < 1) {
    throw Error(ErrorKind::Internal, "submit " + l.tag + ": nodes, tasks and cpus must be at least 1");
  }
  return submit_(l);
}

std::vector<JobStatus> Backend::poll(const std::vector<JobHandle>& jobs) {
  if (jobs.empty()) return {};
  // The tasks of a batch share one job: ask about it once (the local backend reaps a child only once) and
  // give every task the same answer.
  std::vector<JobHandle> unique;
  std::map<std::string, std::size_t> index;
  for (const auto& j : jobs) {
    if (index.emplace(j.job_id, unique.size()).second) unique.push_back(j);
  }
  std::vector<JobStatus> answers = poll_(unique);
  std::vector<JobStatus> out;
  out.reserve(jobs.size());
  for (const auto& j : jobs) {
    std::size_t i = index.at(j.job_id);
    out.push_back(i < answers.size() ? answers[i] : JobStatus{});
  }
  return out;
}

void Backend::cancel(const JobHandle& job) {
  if (job.job_id.empty()) return;  // nothing was submitted
  cancel_(job);
}

std::vector<WorkerInfo> Backend::workers() { return workers_(); }

}  // namespace sa::adapter
