// SubmitLimiter (submit_limiter.hpp): tokens refill continuously at `rate` up to `burst`.
#include "backend/slurm/submit_limiter.hpp"

#include <algorithm>
#include <cstdio>

namespace sa::adapter {

SubmitLimiter::SubmitLimiter(double rate, double burst, std::map<std::string, int> max_in_flight)
    : rate_(rate),
      burst_(std::max(1.0, burst)),
      tokens_(std::max(1.0, burst)),
      max_in_flight_(std::move(max_in_flight)) {}

void SubmitLimiter::refill(double now) {
  if (last_refill_ >= 0 && now > last_refill_) tokens_ = std::min(burst_, tokens_ + (now - last_refill_) * rate_);
  last_refill_ = std::max(last_refill_, now);
}

std::string SubmitLimiter::blocker(const std::string& partition, double now) {
  if (auto cap = max_in_flight_.find(partition); cap != max_in_flight_.end() && cap->second > 0) {
    const int n = in_flight(partition);
    if (n >= cap->second) {
      return "partition " + partition + " has " + std::to_string(n) +
             " jobs in flight (max_jobs = " + std::to_string(cap->second) + ")";
    }
  }
  if (rate_ <= 0) return "";
  refill(now);
  if (tokens_ >= 1.0) return "";
  char wait[32];
  std::snprintf(wait, sizeof wait, "%.1f", (1.0 - tokens_) / rate_);
  return std::string("submission rate limit: next slot in ") + wait + " s";
}

void SubmitLimiter::submitted(const std::string& partition, const std::string& job_id, double now) {
  if (rate_ > 0) {
    refill(now);
    tokens_ = std::max(0.0, tokens_ - 1.0);
  }
  in_flight_[partition].insert(job_id);
}

void SubmitLimiter::adopted(const std::string& partition, const std::string& job_id) {
  in_flight_[partition].insert(job_id);
}

void SubmitLimiter::finished(const std::string& job_id) {
  for (auto& [partition, ids] : in_flight_) ids.erase(job_id);
}

int SubmitLimiter::in_flight(const std::string& partition) const {
  auto it = in_flight_.find(partition);
  return it == in_flight_.end() ? 0 : static_cast<int>(it->second.size());
}

}  // namespace sa::adapter
