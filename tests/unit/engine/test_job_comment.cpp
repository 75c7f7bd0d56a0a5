// Job comments round-trip for single jobs and PC1 batches; anything else is not ours.
#include <gtest/gtest.h>

#include "engine/job_comment.hpp"

namespace sa::adapter {
namespace {

TEST(JobComment, SingleAndBatchRoundTrip) {
  const std::string p = "sealadapter:sa:";
  EXPECT_EQ(job_comment(p, {{12, 3}}), "sealadapter:sa:task=12:attempt=3");
  EXPECT_EQ(comment_members("sealadapter:sa:task=12:attempt=3"), (std::vector<TaskAttempt>{{12, 3}}));
  std::string batch = job_comment(p, {{5, 1}, {6, 2}, {9, 1}});
  EXPECT_EQ(batch, "sealadapter:sa:batch=5.1,6.2,9.1");
  EXPECT_EQ(comment_members(batch), (std::vector<TaskAttempt>{{5, 1}, {6, 2}, {9, 1}}));
}

TEST(JobComment, ForeignOrDamagedCommentsHaveNoMembers) {
  EXPECT_TRUE(comment_members("").empty());
  EXPECT_TRUE(comment_members("someone else's job").empty());
  EXPECT_TRUE(comment_members("sealadapter:sa:task=x:attempt=1").empty());
  EXPECT_TRUE(comment_members("sealadapter:sa:batch=5.1,6").empty());
  EXPECT_TRUE(comment_members("sealadapter:sa:batch=5.1,a.2").empty());
}

}  // namespace
}  // namespace sa::adapter
