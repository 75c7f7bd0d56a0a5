// Classifying how an attempt ended: the result file first, then exit code and signal.
#include <gtest/gtest.h>

#include "engine/failure.hpp"

namespace sa::adapter {
namespace {

AttemptRecord attempt(int number = 1) {
  AttemptRecord a;
  a.id = 5;
  a.task_id = 9;
  a.number = number;
  return a;
}

jobs::JobResult result(jobs::ResultStatus s) {
  jobs::JobResult r;
  r.task_id = 9;
  r.attempt = 1;
  r.status = s;
  r.outputs = {{"x", 1}};
  r.error_kind = "io";
  r.error_message = "disk full";
  return r;
}

JobStatus ended(std::optional<int> code, std::optional<int> sig = std::nullopt) {
  JobStatus s;
  s.phase = JobPhase::Ended;
  s.exit_code = code;
  s.signal = sig;
  return s;
}

TEST(Failure, OkResultSucceedsWithItsOutputs) {
  auto o = classify_ending(result(jobs::ResultStatus::Ok), "", ended(0), attempt(), 100);
  EXPECT_EQ(o.state, AttemptState::Succeeded);
  EXPECT_EQ(o.task_event, TaskEvent::Succeeded);
  EXPECT_EQ(o.outputs["x"], 1);
}

TEST(Failure, TheResultFileWinsOverTheExitCode) {
  auto o = classify_ending(result(jobs::ResultStatus::Retryable), "", ended(0), attempt(), 100);
  EXPECT_EQ(o.task_event, TaskEvent::FailedRetryable);
  EXPECT_EQ(o.failure_class, "job-retryable");
  EXPECT_EQ(o.message, "io: disk full");
  EXPECT_GT(o.retry_after, 100);
  auto p = classify_ending(result(jobs::ResultStatus::Permanent), "", ended(75), attempt(), 100);
  EXPECT_EQ(p.task_event, TaskEvent::FailedPermanent);
}

TEST(Failure, WithoutAResultTheExitCodeDecides) {
  EXPECT_EQ(classify_ending(std::nullopt, "", ended(75), attempt(), 0).task_event, TaskEvent::FailedRetryable);
  EXPECT_EQ(classify_ending(std::nullopt, "", ended(65), attempt(), 0).task_event, TaskEvent::FailedPermanent);
  EXPECT_EQ(classify_ending(std::nullopt, "", ended(64), attempt(), 0).task_event, TaskEvent::FailedPermanent);
  auto zero = classify_ending(std::nullopt, "", ended(0), attempt(), 0);
  EXPECT_EQ(zero.failure_class, "bad-result");  // exit 0 but no result: never a success
  EXPECT_EQ(zero.task_event, TaskEvent::FailedRetryable);
  auto killed = classify_ending(std::nullopt, "", ended(std::nullopt, 9), attempt(), 0);
  EXPECT_EQ(killed.failure_class, "killed");
  EXPECT_EQ(killed.task_event, TaskEvent::FailedRetryable);
  auto lost = classify_ending(std::nullopt, "", ended(std::nullopt), attempt(), 0);
  EXPECT_EQ(lost.state, AttemptState::Lost);
}

TEST(Failure, AResultOfAnotherAttemptIsNotTrusted) {
  auto r = result(jobs::ResultStatus::Ok);
  r.attempt = 2;
  auto o = classify_ending(r, "", ended(0), attempt(1), 0);
  EXPECT_EQ(o.failure_class, "bad-result");
  EXPECT_NE(o.task_event, TaskEvent::Succeeded);
  auto corrupt = classify_ending(std::nullopt, "result.json is not valid JSON", ended(0), attempt(), 0);
  EXPECT_EQ(corrupt.failure_class, "bad-result");
}

TEST(Failure, CancelledJobsAreCancelled) {
  JobStatus s = ended(std::nullopt, 15);
  s.cancelled = true;
  auto o = classify_ending(std::nullopt, "", s, attempt(), 0);
  EXPECT_EQ(o.state, AttemptState::Cancelled);
  EXPECT_EQ(o.task_event, TaskEvent::Cancel);
}

TEST(Failure, BackoffDoublesAndIsCapped) {
  EXPECT_DOUBLE_EQ(retry_backoff_seconds(2), 10);
  EXPECT_DOUBLE_EQ(retry_backoff_seconds(3), 20);
  EXPECT_DOUBLE_EQ(retry_backoff_seconds(4), 40);
  EXPECT_DOUBLE_EQ(retry_backoff_seconds(30), 600);
}

}  // namespace
}  // namespace sa::adapter
