// Strict number parsing used for env overrides and site values.
#include <gtest/gtest.h>

#include "model/strict_number.hpp"

namespace sa::adapter {
namespace {

TEST(StrictNumber, Unsigned) {
  EXPECT_EQ(parse_strict_u64("0"), 0u);
  EXPECT_EQ(parse_strict_u64("2222"), 2222u);
  EXPECT_EQ(parse_strict_u64("18446744073709551615"), 18446744073709551615ull);
  for (const char* bad : {"", "-1", "+1", " 1", "1 ", "1GiB", "18446744073709551616", "0x10", "1.0", "1e3"}) {
    EXPECT_FALSE(parse_strict_u64(bad)) << '"' << bad << '"';
  }
}

TEST(StrictNumber, Int) {
  EXPECT_EQ(parse_strict_int("-1"), -1);
  EXPECT_EQ(parse_strict_int("2147483647"), 2147483647);
  for (const char* bad : {"", "-", "+2", "2147483648", "1.5", "4 ", "x"}) {
    EXPECT_FALSE(parse_strict_int(bad)) << '"' << bad << '"';
  }
}

TEST(StrictNumber, Double) {
  EXPECT_EQ(parse_strict_double("0.4"), 0.4);
  EXPECT_EQ(parse_strict_double("1"), 1.0);
  EXPECT_EQ(parse_strict_double("2e-1"), 0.2);
  EXPECT_EQ(parse_strict_double("-0.5"), -0.5);  // sign is the caller's business
  for (const char* bad : {"", "inf", "nan", "+1", "0x1p3", "1.0 ", ".", "1e999", "1,5"}) {
    EXPECT_FALSE(parse_strict_double(bad)) << '"' << bad << '"';
  }
}

}  // namespace
}  // namespace sa::adapter
