// Access to the upstream test vectors in SA_VECTORS_DIR (../shared/vectors by default) with one policy for
// every vector test: when a file is missing the test FAILS under CI=true and is skipped loudly elsewhere.
// Use SA_LOAD_VECTOR_FILE(text, "file.txt") at the top of a TEST body or a fixture's SetUp().
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sa::vectors {

std::filesystem::path vectors_dir();
// True when the environment variable CI is "true" or "1": missing vectors are then an error.
bool vectors_required();
// The file's contents, or nullopt when it (or the directory) cannot be read.
std::optional<std::string> read_vector_file(std::string_view name);
// What to print when a file is missing (names the path and the CI policy).
std::string missing_vectors_message(std::string_view name);

// Text helpers for the line formats of shared/vectors.
std::vector<std::string> split_lines(const std::string& text);  // without '\n' / '\r'
std::string_view trim(std::string_view s);
bool is_comment_or_blank(std::string_view line);                 // '#' first, or only spaces
std::vector<std::string> split_fields(std::string_view line, char sep = '|');  // trimmed
// All comment lines without their leading '#' and spaces, joined with single spaces, so that a sentence
// wrapped over several comment lines can be matched with one regular expression.
std::string joined_comments(const std::vector<std::string>& lines);
std::vector<std::uint8_t> bytes_from_hex(std::string_view hex);  // fails the current test on bad hex
std::string hex_of(const std::uint8_t* data, std::size_t n);

}  // namespace sa::vectors

#define SA_LOAD_VECTOR_FILE(var, name)                                  \
  std::string var;                                                      \
  if (auto sa_loaded_ = ::sa::vectors::read_vector_file(name)) {        \
    var = std::move(*sa_loaded_);                                       \
  } else if (::sa::vectors::vectors_required()) {                      \
    FAIL() << ::sa::vectors::missing_vectors_message(name);            \
  } else {                                                              \
    GTEST_SKIP() << ::sa::vectors::missing_vectors_message(name);      \
  }
