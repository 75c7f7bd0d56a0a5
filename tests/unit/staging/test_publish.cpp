// Atomic publication, Lotus names and free-space checks.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/error.hpp"
#include "layout/lotus_paths.hpp"
#include "publish/atomic_file.hpp"
#include "publish/free_space.hpp"
#include "support/file_text.hpp"
#include "support/temp_dir.hpp"

namespace sa::staging {
namespace {

using test::file_text;

TEST(Publish, ReplacesWholeFilesAndLeavesNoTemporaries) {
  test::TempDir dir;
  write_file_atomic(dir / "a.json", "first");
  write_file_atomic(dir / "a.json", "second, longer");
  EXPECT_EQ(file_text(dir / "a.json"), "second, longer");
  int files = 0;
  for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 1);
}

TEST(Publish, AnUnpublishedFileNeverAppears) {
  test::TempDir dir;
  {
    AtomicFile f(dir / "sector");
    f.append("data", 4);
    EXPECT_TRUE(std::filesystem::exists(f.temp_path()));
  }  // destroyed without publish(): as if the writer had crashed
  EXPECT_FALSE(std::filesystem::exists(dir / "sector"));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(Publish, WritesAtOffsetsAndTruncatesSparse) {
  test::TempDir dir;
  AtomicFile f(dir / "s");
  f.write_at(4, "bc", 2);
  f.write_at(0, "a", 1);
  f.truncate(10);
  f.publish();
  std::string s = file_text(dir / "s");
  ASSERT_EQ(s.size(), 10u);
  EXPECT_EQ(s[0], 'a');
  EXPECT_EQ(s.substr(4, 2), "bc");
  EXPECT_EQ(s[9], '\0');
}

TEST(Publish, FailsClearlyWhenTheFolderIsMissing) {
  test::TempDir dir;
  try {
    write_file_atomic(dir / "no" / "such" / "dir" / "f", "x");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Io);
    EXPECT_TRUE(e.retryable());
  }
}

TEST(Layout, LotusNames) {
  EXPECT_EQ(sector_name({1000, 9}), "s-t01000-9");
  LotusLayout l("/st");
  EXPECT_EQ(l.unsealed({1000, 9}), "/st/unsealed/s-t01000-9");
  EXPECT_EQ(l.sealed({1000, 9}), "/st/sealed/s-t01000-9");
  EXPECT_EQ(l.cache({1000, 9}), "/st/cache/s-t01000-9");
  test::TempDir dir;
  LotusLayout(dir.path()).create_dirs();
  for (const char* sub : {"unsealed", "sealed", "cache", "update", "update-cache", "piece"}) {
    EXPECT_TRUE(std::filesystem::is_directory(dir / sub)) << sub;
  }
}

TEST(FreeSpace, RefusesWhatDoesNotFitWithARetryableError) {
  test::TempDir dir;
  EXPECT_GT(available_bytes(dir.path()), 0u);
  EXPECT_NO_THROW(require_free_space(dir.path(), 1, "test"));
  try {
    require_free_space(dir / "not" / "yet", available_bytes(dir.path()) + (1ull << 40), "PC1");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Resource);
    EXPECT_TRUE(e.retryable());
    EXPECT_NE(std::string(e.what()).find("PC1 needs"), std::string::npos);
  }
}

}  // namespace
}  // namespace sa::staging
