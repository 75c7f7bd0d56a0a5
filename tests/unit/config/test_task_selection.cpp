// `lotus-worker run` task-type selection and the miner's Allow* filter (lotus.md §6.2-§6.3,
// cli/worker/worker.go).
#include <gtest/gtest.h>

#include "config/task_selection.hpp"

namespace sa::adapter {
namespace {

using T = TaskType;
const std::set<T> kAlways = {T::Fetch, T::Commit1, T::ProveReplicaUpdate1, T::Finalize, T::FinalizeUnsealed,
                             T::FinalizeReplicaUpdate};

std::set<T> plus(std::set<T> a, std::initializer_list<T> b) {
  a.insert(b);
  return a;
}

TEST(TaskSelection, DefaultsAreASealingWorkerWithoutDownload) {
  EXPECT_EQ(lotus_worker_task_types({}),
            plus(kAlways, {T::AddPiece, T::DataCid, T::PreCommit1, T::Unseal, T::PreCommit2, T::Commit2,
                           T::ReplicaUpdate, T::ProveReplicaUpdate2, T::RegenSectorKey}));
}

TEST(TaskSelection, FlagsTurnTypesOffAndDataCidFollowsAddPiece) {
  WorkerFlags f;
  f.addpiece = false;
  f.precommit2 = false;
  f.commit = false;
  const auto got = lotus_worker_task_types(f);
  EXPECT_FALSE(got.count(T::AddPiece));
  EXPECT_FALSE(got.count(T::DataCid));
  EXPECT_FALSE(got.count(T::PreCommit2));
  EXPECT_FALSE(got.count(T::Commit2));
  EXPECT_TRUE(got.count(T::PreCommit1));
  EXPECT_TRUE(got.count(T::Unseal));
}

TEST(TaskSelection, SectorDownloadIsOptIn) {
  WorkerFlags f;
  f.sector_download = true;
  EXPECT_TRUE(lotus_worker_task_types(f).count(T::DownloadSector));
}

TEST(TaskSelection, NoDefaultKeepsOnlyExplicitTrueFlagsAndNeverDataCid) {
  WorkerFlags f;
  f.no_default = true;
  EXPECT_EQ(lotus_worker_task_types(f), kAlways);  // a storage/fetch-only worker
  f.addpiece = true;
  f.commit = true;
  f.precommit1 = false;
  EXPECT_EQ(lotus_worker_task_types(f), plus(kAlways, {T::AddPiece, T::Commit2}));
  f.sector_download = true;
  EXPECT_TRUE(lotus_worker_task_types(f).count(T::DownloadSector));
}

TEST(TaskSelection, AllowSettingsRemoveOnlyTheirTypes) {
  EXPECT_TRUE(disallowed_task_types({}).empty());
  AllowSettings a;
  a.add_piece = false;
  a.commit = false;
  a.sector_download = false;
  EXPECT_EQ(disallowed_task_types(a), (std::set<T>{T::AddPiece, T::DataCid, T::Commit2, T::DownloadSector}));
  AllowSettings none;
  none.add_piece = none.pre_commit1 = none.pre_commit2 = none.commit = none.unseal = none.replica_update =
      none.prove_replica_update2 = none.regen_sector_key = none.sector_download = false;
  const auto all_off = disallowed_task_types(none);
  for (T t : kAlways) EXPECT_FALSE(all_off.count(t)) << short_name(t);  // the miner always keeps these
  EXPECT_EQ(all_off.size() + kAlways.size(), kTaskTypes.size());
}

}  // namespace
}  // namespace sa::adapter
