// POSIX shell quoting for job scripts: the escape every {{value}} of a job template goes through.
#pragma once

#include <string>
#include <string_view>

namespace sa::adapter {

// 'text' with each ' written as '\'' : one shell word whose value is exactly `text`, byte for byte,
// newlines included. Always quotes (even "abc" -> 'abc') so a value can never start an expansion ("~", "$").
// Throws sa::Error(Config) for a NUL byte, which no shell word can carry.
std::string shell_quote(std::string_view text);

}  // namespace sa::adapter
