// Rank plans: ranges cover the work exactly once, on aligned boundaries, whatever the rank count.
#include <gtest/gtest.h>

#include "partition/rank_plan.hpp"

namespace sa::kernels {
namespace {

TEST(RankPlan, SplitsCoverEverythingOnceOnAlignedBoundaries) {
  for (std::uint64_t total : {0ull, 1ull, 64ull, 1000ull, 1ull << 24, (1ull << 24) + 5}) {
    for (int parts = 1; parts <= 7; ++parts) {
      for (std::uint64_t align : {1ull, 8ull, 1ull << 20}) {
        std::uint64_t next = 0;
        for (int i = 0; i < parts; ++i) {
          NodeRange r = split_range(total, parts, i, align);
          EXPECT_EQ(r.first, next) << total << " " << parts << " " << i;
          if (r.count > 0 && r.first + r.count < total) {
            EXPECT_EQ((r.first + r.count) % align, 0u);
          }
          next = r.first + r.count;
        }
        EXPECT_EQ(next, total);
      }
    }
  }
  EXPECT_THROW(split_range(10, 0, 0), std::exception);
  EXPECT_THROW(split_range(10, 2, 2), std::exception);
}

TEST(RankPlan, OwnedUnitsAreRoundRobin) {
  EXPECT_EQ(owned_units(8, 3, 0), (std::vector<int>{0, 3, 6}));
  EXPECT_EQ(owned_units(8, 3, 2), (std::vector<int>{2, 5}));
  EXPECT_TRUE(owned_units(1, 2, 1).empty());
}

}  // namespace
}  // namespace sa::kernels
