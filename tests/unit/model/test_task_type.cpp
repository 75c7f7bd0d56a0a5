// Task type names, order and parsing against lotus.md §3 (sealtasks/task.go).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "model/task_type.hpp"

namespace sa::adapter {
namespace {

struct Expected {
  TaskType t;
  const char* wire;
  const char* short_;
  const char* display;
  int order;
  bool table;
};

// lotus.md §3 table, row by row.
const Expected kExpected[] = {
    {TaskType::RegenSectorKey, "seal/v0/regensectorkey", "GSK", "RegenSectorKey", 11, true},
    {TaskType::DataCid, "seal/v0/datacid", "DC", "DataCid", 10, true},
    {TaskType::AddPiece, "seal/v0/addpiece", "AP", "AddPiece", 9, true},
    {TaskType::ReplicaUpdate, "seal/v0/replicaupdate", "RU", "ReplicaUpdate", 8, true},
    {TaskType::ProveReplicaUpdate2, "seal/v0/provereplicaupdate/2", "PR2", "ProveReplicaUpdate2", 7, true},
    {TaskType::ProveReplicaUpdate1, "seal/v0/provereplicaupdate/1", "PR1", "ProveReplicaUpdate1", 6, true},
    {TaskType::PreCommit1, "seal/v0/precommit/1", "PC1", "PreCommit1", 5, true},
    {TaskType::PreCommit2, "seal/v0/precommit/2", "PC2", "PreCommit2", 4, true},
    {TaskType::Commit2, "seal/v0/commit/2", "C2", "Commit2", 3, true},
    {TaskType::Commit1, "seal/v0/commit/1", "C1", "Commit1", 2, true},
    {TaskType::Unseal, "seal/v0/unseal", "UNS", "Unseal", 1, true},
    {TaskType::FinalizeReplicaUpdate, "seal/v0/finalize/replicaupdate", "FRU", "FinalizeReplicaUpdate", 0, false},
    {TaskType::Fetch, "seal/v0/fetch", "GET", "Fetch", -1, true},
    {TaskType::DownloadSector, "seal/v0/download/sector", "DL", "DownloadSector", -2, false},
    {TaskType::Finalize, "seal/v0/finalize", "FIN", "Finalize", -3, false},
    {TaskType::FinalizeUnsealed, "seal/v0/finalizeunsealed", "FUS", "FinalizeUnsealed", -4, false},
};

TEST(TaskType, NamesOrderAndTablePresenceMatchLotus) {
  ASSERT_EQ(std::size(kExpected), kTaskTypes.size());
  for (const Expected& e : kExpected) {
    SCOPED_TRACE(e.short_);
    EXPECT_EQ(task_string(e.t), e.wire);
    EXPECT_EQ(short_name(e.t), e.short_);
    EXPECT_EQ(display_name(e.t), e.display);
    EXPECT_EQ(task_order(e.t), e.order);
    EXPECT_EQ(has_resource_entry(e.t), e.table);
  }
}

TEST(TaskType, AllSixteenAreDistinctInEveryNaming) {
  std::set<std::string> wire, shorts, displays;
  std::set<int> orders;
  for (TaskType t : kTaskTypes) {
    wire.emplace(task_string(t));
    shorts.emplace(short_name(t));
    displays.emplace(display_name(t));
    orders.insert(task_order(t));
  }
  EXPECT_EQ(wire.size(), 16u);
  EXPECT_EQ(shorts.size(), 16u);
  EXPECT_EQ(displays.size(), 16u);
  EXPECT_EQ(orders.size(), 16u);  // distinct orders make "different type => different order" hold
}

TEST(TaskType, ParsesEverySpellingCaseInsensitively) {
  for (const Expected& e : kExpected) {
    SCOPED_TRACE(e.short_);
    EXPECT_EQ(parse_task_type(e.wire), e.t);
    EXPECT_EQ(parse_task_type(e.short_), e.t);
    EXPECT_EQ(parse_task_type(e.display), e.t);
    std::string lower = e.short_;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(parse_task_type(lower), e.t);
  }
  EXPECT_EQ(parse_task_type("SEAL/V0/PRECOMMIT/1"), TaskType::PreCommit1);
}

TEST(TaskType, RejectsUnknownAndPostSpellings) {
  EXPECT_FALSE(parse_task_type(""));
  EXPECT_FALSE(parse_task_type("UNK"));
  EXPECT_FALSE(parse_task_type("WDP"));  // PoSt is not a sealing task in sealadapter
  EXPECT_FALSE(parse_task_type("post/v0/windowproof"));
  EXPECT_FALSE(parse_task_type(" AP"));
  EXPECT_FALSE(parse_task_type("AP "));
  EXPECT_FALSE(parse_task_type("PC"));
}

}  // namespace
}  // namespace sa::adapter
