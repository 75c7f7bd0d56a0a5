// Size and walltime parsing (site/README.md "Units").
#include <gtest/gtest.h>

#include "config/units.hpp"

namespace sa::adapter {
namespace {

constexpr std::uint64_t KiB = 1ull << 10, MiB = 1ull << 20, GiB = 1ull << 30, TiB = 1ull << 40;

TEST(Units, SizesWithBinaryUnits) {
  EXPECT_EQ(parse_size("4GiB"), 4 * GiB);
  EXPECT_EQ(parse_size("512MiB"), 512 * MiB);
  EXPECT_EQ(parse_size("3G"), 3 * GiB);  // Slurm's G is GiB
  EXPECT_EQ(parse_size("3g"), 3 * GiB);
  EXPECT_EQ(parse_size("1073741824"), GiB);
  EXPECT_EQ(parse_size("2048B"), 2 * KiB);
  EXPECT_EQ(parse_size("8k"), 8 * KiB);
  EXPECT_EQ(parse_size("1.5GiB"), 3 * GiB / 2);
  EXPECT_EQ(parse_size("1.6TiB"), static_cast<std::uint64_t>(16 * TiB / 10));
  EXPECT_EQ(parse_size("0"), 0u);
}

TEST(Units, SizesRejectJunk) {
  for (const char* bad : {"", "GiB", "4 GiB", " 4GiB", "4GB", "4Gi", "-1", "4.GiB", ".5G", "1e3", "4GiB ",
                          "18446744073709551616", "17179869184G", "1.1234567G"}) {
    EXPECT_FALSE(parse_size(bad)) << '"' << bad << '"';
  }
}

TEST(Units, WalltimeSlurmForms) {
  EXPECT_EQ(parse_walltime_minutes("90"), 90);                // minutes
  EXPECT_EQ(parse_walltime_minutes("10:30"), 11);             // minutes:seconds, rounded up
  EXPECT_EQ(parse_walltime_minutes("01:30:00"), 90);          // hours:minutes:seconds
  EXPECT_EQ(parse_walltime_minutes("2-00:00:00"), 2 * 1440);  // days-hours:minutes:seconds
  EXPECT_EQ(parse_walltime_minutes("1-12"), 36 * 60);         // days-hours
  EXPECT_EQ(parse_walltime_minutes("1-0:30"), 24 * 60 + 30);  // days-hours:minutes
  EXPECT_EQ(parse_walltime_minutes("0:0:1"), 1);
}

TEST(Units, WalltimeSuffixForms) {
  EXPECT_EQ(parse_walltime_minutes("90m"), 90);
  EXPECT_EQ(parse_walltime_minutes("4h"), 240);
  EXPECT_EQ(parse_walltime_minutes("2d"), 2880);
  EXPECT_EQ(parse_walltime_minutes("4H"), 240);
}

TEST(Units, WalltimeRejectsJunkAndZero) {
  for (const char* bad : {"", "0", "0m", "00:00:00", "h", "4 h", "4hours", "1:2:3:4", "-5", "1--2", "a-1",
                          "1.5h", "UNLIMITED", "99999999999m"}) {
    EXPECT_FALSE(parse_walltime_minutes(bad)) << '"' << bad << '"';
  }
}

TEST(Units, FormatWalltimeRoundTrips) {
  EXPECT_EQ(format_walltime(15), "00:15:00");
  EXPECT_EQ(format_walltime(90), "01:30:00");
  EXPECT_EQ(format_walltime(1440), "1-00:00:00");
  EXPECT_EQ(format_walltime(2 * 1440 + 61), "2-01:01:00");
  for (int m : {1, 59, 60, 1439, 1440, 1441, 100000}) EXPECT_EQ(parse_walltime_minutes(format_walltime(m)), m);
}

TEST(Units, FormatSizeForMessages) {
  EXPECT_EQ(format_size(2048), "2 KiB");
  EXPECT_EQ(format_size(64 * GiB + 10 * MiB), "64.01 GiB");
  EXPECT_EQ(format_size(100), "100 B");
}

}  // namespace
}  // namespace sa::adapter
