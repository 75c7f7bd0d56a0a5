// The SQLite store: idempotent submission, the task state machine through attempts, results, events,
// cancel/retry/reject, and the invariants after every step.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "store/shared_jobs.hpp"
#include "store/store.hpp"
#include "support/temp_dir.hpp"

namespace sa::adapter {
namespace {

NewTask ap(std::uint64_t sector) {
  NewTask n;
  n.sector = {1000, sector};
  n.type = TaskType::AddPiece;
  n.proof = params::SealProof{5};
  n.inputs = {{"pieces", nlohmann::json::array()}};
  return n;
}

AttemptOutcome success(nlohmann::json outputs) {
  AttemptOutcome o;
  o.outputs = std::move(outputs);
  return o;
}

AttemptOutcome failure(TaskEvent e, double retry_after = 0) {
  AttemptOutcome o;
  o.state = AttemptState::Failed;
  o.task_event = e;
  o.failure_class = "job-retryable";
  o.message = "boom";
  o.retry_after = retry_after;
  return o;
}

class StoreTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  Store store{dir / "state" / "sa.db"};
};

TEST_F(StoreTest, SubmittingTheSameSectorAndTaskTwiceReturnsTheFirstTask) {
  auto a = store.submit(ap(7), 1.0);
  auto b = store.submit(ap(7), 2.0);
  EXPECT_TRUE(a.created);
  EXPECT_FALSE(b.created);
  EXPECT_EQ(a.task.id, b.task.id);
  EXPECT_EQ(store.tasks().size(), 1u);
  NewTask pc1 = ap(7);
  pc1.type = TaskType::PreCommit1;
  EXPECT_TRUE(store.submit(pc1, 3.0).created);  // another task type of the same sector is another task
  NewTask other_miner = ap(7);
  other_miner.sector.miner = 1001;
  EXPECT_TRUE(store.submit(other_miner, 3.0).created);
  EXPECT_EQ(store.tasks().size(), 3u);
  EXPECT_EQ(store.events_of(a.task.id).size(), 1u);  // one "submitted" event, not two
  store.check_invariants();
}

TEST_F(StoreTest, TaskRunsThroughAnAttemptToDoneWithItsResult) {
  auto t = store.submit(ap(1), 1.0).task;
  EXPECT_EQ(t.state, TaskState::Queued);
  auto a = store.begin_attempt(t.id, "local", {{"cpus_per_task", 1}}, "/m.json", "/r.json", 2.0);
  EXPECT_EQ(a.number, 1);
  EXPECT_EQ(a.state, AttemptState::Starting);
  EXPECT_EQ(store.task(t.id)->state, TaskState::Running);
  store.check_invariants();
  store.record_submission(a.id, "local", "123.456", "sa-1000-1-AP-a1", 3.0);
  store.record_submission(a.id, "local", "999.999", "other", 3.5);  // repeated: ignored
  EXPECT_EQ(store.attempt(a.id)->job_id, "123.456");
  store.record_job_progress(a.id, AttemptState::Running, "node1", "", 4.0);
  EXPECT_EQ(store.attempt(a.id)->started_at, 4.0);
  store.check_invariants();
  auto done = store.finish_attempt(a.id, success({{"comm", "abc"}}), 5.0);
  EXPECT_EQ(done.state, TaskState::Done);
  EXPECT_EQ((*store.result_of(t.id))["comm"], "abc");
  EXPECT_EQ(store.attempt(a.id)->state, AttemptState::Succeeded);
  EXPECT_EQ(store.attempt(a.id)->ended_at, 5.0);
  // The same ending seen twice changes nothing.
  auto again = store.finish_attempt(a.id, failure(TaskEvent::FailedPermanent), 6.0);
  EXPECT_EQ(again.state, TaskState::Done);
  EXPECT_TRUE(store.active_attempts().empty());
  store.check_invariants();
}

TEST_F(StoreTest, RetryableFailuresRequeueUntilAttemptsRunOut) {
  NewTask n = ap(2);
  n.max_attempts = 2;
  auto t = store.submit(n, 1.0).task;
  auto a1 = store.begin_attempt(t.id, "local", {}, "", "", 2.0);
  auto after1 = store.finish_attempt(a1.id, failure(TaskEvent::FailedRetryable, 40.0), 3.0);
  EXPECT_EQ(after1.state, TaskState::Queued);
  EXPECT_EQ(after1.not_before, 40.0);
  EXPECT_TRUE(after1.error_temporary);
  EXPECT_NE(after1.error.find("boom"), std::string::npos);
  auto a2 = store.begin_attempt(t.id, "local", {}, "", "", 41.0);
  EXPECT_EQ(a2.number, 2);
  auto after2 = store.finish_attempt(a2.id, failure(TaskEvent::FailedRetryable), 42.0);
  EXPECT_EQ(after2.state, TaskState::Failed);
  EXPECT_EQ(store.attempts_of(t.id).size(), 2u);
  store.check_invariants();
  // A person retries: one more attempt.
  auto retried = store.retry(t.id, 1, 50.0);
  EXPECT_EQ(retried.state, TaskState::Queued);
  EXPECT_EQ(retried.max_attempts, 3);
  EXPECT_EQ(store.begin_attempt(t.id, "local", {}, "", "", 51.0).number, 3);
  store.check_invariants();
}

TEST_F(StoreTest, RequeueDoesNotSpendAnAttempt) {
  NewTask n = ap(3);
  n.max_attempts = 1;
  auto t = store.submit(n, 1.0).task;
  auto a1 = store.begin_attempt(t.id, "cpu", {}, "", "", 2.0);
  auto after = store.finish_attempt(a1.id, failure(TaskEvent::Requeued), 3.0);
  EXPECT_EQ(after.state, TaskState::Queued);
  EXPECT_EQ(after.max_attempts, 2);
  auto a2 = store.begin_attempt(t.id, "cpu", {}, "", "", 4.0);
  EXPECT_EQ(store.finish_attempt(a2.id, success({}), 5.0).state, TaskState::Done);
  store.check_invariants();
}

TEST_F(StoreTest, PermanentFailureEndsTheTask) {
  auto t = store.submit(ap(4), 1.0).task;
  auto a = store.begin_attempt(t.id, "local", {}, "", "", 2.0);
  EXPECT_EQ(store.finish_attempt(a.id, failure(TaskEvent::FailedPermanent), 3.0).state, TaskState::Failed);
  EXPECT_FALSE(store.task(t.id)->error_temporary);
  EXPECT_FALSE(store.result_of(t.id).has_value());
}

TEST_F(StoreTest, CancelReturnsTheActiveAttemptAndTheLateEndingOnlyClosesIt) {
  auto t = store.submit(ap(5), 1.0).task;
  EXPECT_FALSE(store.cancel(store.submit(ap(6), 1.0).task.id, 1.5).has_value());  // queued: nothing to kill
  auto a = store.begin_attempt(t.id, "local", {}, "", "", 2.0);
  store.record_submission(a.id, "local", "42.1", "tag", 2.5);
  auto active = store.cancel(t.id, 3.0);
  ASSERT_TRUE(active.has_value());
  EXPECT_EQ(active->job_id, "42.1");
  EXPECT_EQ(store.task(t.id)->state, TaskState::Cancelled);
  store.check_invariants();
  AttemptOutcome o = failure(TaskEvent::Cancel);
  o.state = AttemptState::Cancelled;
  EXPECT_EQ(store.finish_attempt(a.id, o, 4.0).state, TaskState::Cancelled);
  EXPECT_THROW(store.cancel(t.id, 5.0), Error);  // already ended
  store.check_invariants();
}

TEST_F(StoreTest, RejectFailsAQueuedTaskWithTheReason) {
  auto t = store.submit(ap(8), 1.0).task;
  auto r = store.reject(t.id, "needs 64 GiB", 2.0);
  EXPECT_EQ(r.state, TaskState::Failed);
  EXPECT_EQ(r.error, "needs 64 GiB");
  EXPECT_THROW(store.reject(t.id, "again", 3.0), Error);
}

TEST_F(StoreTest, InvalidTransitionsAreRefusedWithoutChangingAnything) {
  auto t = store.submit(ap(9), 1.0).task;
  EXPECT_THROW(store.retry(t.id, 1, 2.0), Error);  // queued cannot be retried
  auto a = store.begin_attempt(t.id, "local", {}, "", "", 2.0);
  EXPECT_THROW(store.begin_attempt(t.id, "local", {}, "", "", 3.0), Error);  // already running
  EXPECT_THROW(store.task(12345).value(), std::bad_optional_access);
  EXPECT_EQ(store.attempts_of(t.id).size(), 1u);
  EXPECT_EQ(a.number, 1);
  store.check_invariants();
}

TEST_F(StoreTest, StateSurvivesReopening) {
  std::int64_t id = 0;
  {
    Store other(dir / "state" / "sa.db");
    id = other.submit(ap(10), 1.0).task.id;
    other.begin_attempt(id, "local", {}, "", "", 2.0);
  }
  Store reopened(dir / "state" / "sa.db");
  EXPECT_EQ(reopened.task(id)->state, TaskState::Running);
  EXPECT_EQ(reopened.active_attempts().size(), 1u);
  reopened.check_invariants();
}

TEST_F(StoreTest, ListingFiltersByStateAndSector) {
  store.submit(ap(11), 1.0);
  auto t = store.submit(ap(12), 1.0).task;
  store.begin_attempt(t.id, "local", {}, "", "", 2.0);
  EXPECT_EQ(store.tasks({{TaskState::Running}}).size(), 1u);
  EXPECT_EQ(store.tasks({{TaskState::Queued}}).size(), 1u);
  TaskFilter f;
  f.sector = SectorRef{1000, 12};
  ASSERT_EQ(store.tasks(f).size(), 1u);
  EXPECT_EQ(store.tasks(f)[0].id, t.id);
  EXPECT_EQ(store.find_task({1000, 11}, TaskType::AddPiece)->sector.number, 11u);
  EXPECT_FALSE(store.find_task({1000, 11}, TaskType::PreCommit1).has_value());
}

TEST_F(StoreTest, ABatchJobIsNeededUntilEveryTaskSharingItIsCancelled) {
  auto t1 = store.submit(ap(1), 1.0).task, t2 = store.submit(ap(2), 1.0).task, t3 = store.submit(ap(3), 1.0).task;
  auto a1 = store.begin_attempt(t1.id, "local", {}, "/1/m.json", "/1/r.json", 2.0);
  auto a2 = store.begin_attempt(t2.id, "local", {}, "/2/m.json", "/2/r.json", 2.0);
  auto a3 = store.begin_attempt(t3.id, "local", {}, "/3/m.json", "/3/r.json", 2.0);
  store.record_submission(a1.id, "local", "77.1", "batch", 3.0);
  store.record_submission(a2.id, "local", "77.1", "batch", 3.0);
  store.record_submission(a3.id, "local", "88.1", "alone", 3.0);
  auto c1 = store.cancel(t1.id, 4.0);
  ASSERT_TRUE(c1);
  EXPECT_TRUE(job_needed_by_others(store, *c1)) << "task 2 still runs in job 77.1";
  auto c3 = store.cancel(t3.id, 4.0);
  EXPECT_FALSE(job_needed_by_others(store, *c3)) << "job 88.1 is task 3's alone";
  store.cancel(t2.id, 5.0);
  EXPECT_FALSE(job_needed_by_others(store, *c1)) << "every task of job 77.1 is cancelled";
}

}  // namespace
}  // namespace sa::adapter
