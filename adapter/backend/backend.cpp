// Argument checks shared by every backend.
#include "backend/backend.hpp"

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
  return poll_(jobs);
}

void Backend::cancel(const JobHandle& job) {
  if (job.job_id.empty()) return;  // nothing was submitted
  cancel_(job);
}

std::vector<WorkerInfo> Backend::workers() { return workers_(); }

}  // namespace sa::adapter
