// Protects slurmctld from submission bursts (hpc.md §3.1): a token bucket over all submissions and a cap
// on jobs in flight per partition (the site's max_jobs). Time is passed in, so tests need no sleeping.
#pragma once

#include <map>
#include <set>
#include <string>

namespace sa::adapter {

class SubmitLimiter {
 public:
  // `rate` submissions per second on average, at most `burst` at once; rate <= 0 means unlimited.
  SubmitLimiter(double rate, double burst, std::map<std::string, int> max_in_flight);

  // "" when a job may be submitted to `partition` at `now`, otherwise why not ("partition cpu has 4 jobs in
  // flight (max_jobs = 4)", "submission rate limit: next slot in 0.4 s").
  std::string blocker(const std::string& partition, double now);
  // Takes a token and counts the job in flight; call after a successful submission.
  void submitted(const std::string& partition, const std::string& job_id, double now);
  // Counts a job found running after a restart (no token).
  void adopted(const std::string& partition, const std::string& job_id);
  // The job ended or vanished: it no longer counts.
  void finished(const std::string& job_id);
  int in_flight(const std::string& partition) const;

 private:
  void refill(double now);

  double rate_;
  double burst_;
  double tokens_;
  double last_refill_ = -1;
  std::map<std::string, int> max_in_flight_;
  std::map<std::string, std::set<std::string>> in_flight_;  // partition -> job ids
};

}  // namespace sa::adapter
