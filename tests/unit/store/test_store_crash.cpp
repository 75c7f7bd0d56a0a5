// Crash safety: a child process submits tasks and moves them through attempts as fast as it can, reporting
// each committed change on a pipe; it is killed with SIGKILL at a random moment. Every change it reported is
// in the store afterwards, the database passes its integrity check and the invariants hold.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "store/store.hpp"
#include "support/temp_dir.hpp"

namespace sa::adapter {
namespace {

[[noreturn]] void hammer(const std::filesystem::path& db, int out_fd) {
  Store store(db);
  for (std::uint64_t sector = 1;; ++sector) {
    NewTask n;
    n.sector = {1000, sector};
    n.type = TaskType::AddPiece;
    auto t = store.submit(n, 1.0).task;
    auto a = store.begin_attempt(t.id, "local", {}, "", "", 2.0);
    AttemptOutcome o;
    o.outputs = {{"sector", sector}};
    store.finish_attempt(a.id, o, 3.0);
    // Only now is the task known to be done (committed): report it.
    std::uint64_t done = sector;
    if (::write(out_fd, &done, sizeof done) != sizeof done) ::_exit(1);
  }
}

TEST(StoreCrash, KillNineLosesNothingThatWasCommitted) {
  std::mt19937 rng(12345);
  for (int round = 0; round < 5; ++round) {
    test::TempDir dir;
    auto db = dir / "sa.db";
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(fds[0]);
      hammer(db, fds[1]);
    }
    ::close(fds[1]);
    std::this_thread::sleep_for(std::chrono::milliseconds(100 + rng() % 300));
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    std::uint64_t last = 0, v = 0;
    while (::read(fds[0], &v, sizeof v) == sizeof v) last = v;
    ::close(fds[0]);
    ASSERT_GT(last, 0u) << "the child committed nothing before it was killed";

    Store store(db);
    store.check_invariants();
    for (std::uint64_t s = 1; s <= last; ++s) {
      auto t = store.find_task({1000, s}, TaskType::AddPiece);
      ASSERT_TRUE(t.has_value()) << "sector " << s << " was reported done but is missing";
      EXPECT_EQ(t->state, TaskState::Done);
      EXPECT_EQ((*store.result_of(t->id))["sector"], s);
    }
    // What was in flight is whole: a task is queued, running with its attempt, or done with its result.
    for (const auto& t : store.tasks()) {
      if (t.state == TaskState::Done) {
        EXPECT_TRUE(store.result_of(t.id).has_value());
      }
    }
  }
}

}  // namespace
}  // namespace sa::adapter
