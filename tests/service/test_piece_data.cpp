// Staged deal data housekeeping: pushed streams nobody claimed and temporaries of interrupted transfers go
// after a while; fresh ones and staged pieces (their AP task may still be queued) stay.
#include <gtest/gtest.h>

#include <fstream>

#include "lotus/piece_data.hpp"
#include "support/temp_dir.hpp"

namespace sa::adapter::lotus {
namespace {

void touch(const std::filesystem::path& p, std::chrono::seconds age) {
  std::ofstream(p) << "x";
  std::filesystem::last_write_time(p, std::filesystem::file_time_type::clock::now() - age);
}

TEST(PieceData, DropsOnlyStaleUnclaimedStreamsAndTemporaries) {
  test::TempDir dir;
  const auto piece = dir / "piece";
  std::filesystem::create_directories(piece);
  PieceData data(dir.path());
  const std::string id = "0b7c6a52-7f4e-4c0a-9d3e-2a1b5c8d9e0f";
  touch(data.push_path(id), std::chrono::hours(2));
  touch(piece / ".push-x.0123456789abcdef.tmp", std::chrono::hours(2));
  touch(data.push_path("1b7c6a52-7f4e-4c0a-9d3e-2a1b5c8d9e0f"), std::chrono::seconds(5));
  touch(piece / "s-t01000-7-at-0", std::chrono::hours(2));
  EXPECT_EQ(data.drop_unclaimed(600), 2);
  EXPECT_FALSE(std::filesystem::exists(data.push_path(id)));
  EXPECT_TRUE(std::filesystem::exists(data.push_path("1b7c6a52-7f4e-4c0a-9d3e-2a1b5c8d9e0f")));
  EXPECT_TRUE(std::filesystem::exists(piece / "s-t01000-7-at-0"));
}

TEST(PieceData, StreamIdsMustBeUuids) {
  EXPECT_TRUE(PieceData::is_uuid("0b7c6a52-7f4e-4c0a-9d3e-2a1b5c8d9e0f"));
  EXPECT_FALSE(PieceData::is_uuid("../../etc/passwd"));
  EXPECT_FALSE(PieceData::is_uuid("0b7c6a52-7f4e-4c0a-9d3e-2a1b5c8d9e0f/x"));
}

}  // namespace
}  // namespace sa::adapter::lotus
