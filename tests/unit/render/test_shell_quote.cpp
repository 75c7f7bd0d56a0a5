// shell_quote: exact strings, and every hostile value survives a real bash byte for byte without running
// anything.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "bash_harness.hpp"
#include "render/shell_quote.hpp"

namespace sa::adapter {
namespace {

using namespace sa::adapter::testing;

TEST(ShellQuote, ExactForms) {
  EXPECT_EQ(shell_quote("abc"), "'abc'");
  EXPECT_EQ(shell_quote(""), "''");
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_quote("'"), "''\\'''");
  EXPECT_EQ(shell_quote("a\nb"), "'a\nb'");
  EXPECT_EQ(shell_quote("$(x) `y` \"z\" \\"), "'$(x) `y` \"z\" \\'");
}

TEST(ShellQuote, NulIsAConfigError) {
  try {
    shell_quote(std::string("a\0b", 3));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Config);
  }
}

TEST(ShellQuote, BashReadsBackEveryHostileValueExactly) {
  TempDir dir;
  std::string script = "set -euo pipefail\ncd \"$SA_TEST_OUT\"\n";
  const auto& values = hostile_values();
  for (std::size_t i = 0; i < values.size(); ++i) {
    script += "v=" + shell_quote(values[i]) + "\nprintf '%s' \"$v\" > out" + std::to_string(i) + "\n";
    // also as a command argument, the way the launch line uses quoted words
    script += "printf '%s' " + shell_quote(values[i]) + " > arg" + std::to_string(i) + "\n";
  }
  write_file(dir.path() / "quote.sh", script);
  ASSERT_EQ(bash_syntax_check(dir.path() / "quote.sh"), 0);
  ASSERT_EQ(run_bash(dir.path() / "quote.sh", {"SA_TEST_OUT=" + dir.path().string()}, dir.path()), 0);
  for (std::size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(read_file(dir.path() / ("out" + std::to_string(i))), values[i]) << i;
    EXPECT_EQ(read_file(dir.path() / ("arg" + std::to_string(i))), values[i]) << i;
  }
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "pwned"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "x"));
}

}  // namespace
}  // namespace sa::adapter
