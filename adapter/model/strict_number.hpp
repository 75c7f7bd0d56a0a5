// Strict decimal parsing for values that come from people (env overrides, site files): the whole text must
// be the number. Unlike Go's strconv in Lotus's ParseResourceEnv (lotus.md §2.2), nothing is silently 0.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sa::adapter {

// Digits only ("0".."18446744073709551615"); no sign, space, unit or junk. nullopt on overflow.
std::optional<std::uint64_t> parse_strict_u64(std::string_view text);
// Optional '-' then digits, within int's range (Go's Atoi, minus the '+' and the 64-bit range).
std::optional<int> parse_strict_int(std::string_view text);
// A finite decimal or exponent form ("0.4", "1", "2e-1"); no "inf", "nan", hex or surrounding space.
std::optional<double> parse_strict_double(std::string_view text);

}  // namespace sa::adapter
