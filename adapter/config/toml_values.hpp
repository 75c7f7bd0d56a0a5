// Site-file value kinds on top of TomlTable: sizes, walltimes, paths, "auto", and strings that will end up
// in an #SBATCH line (no control characters). Private to adapter/config.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "config/toml_reader.hpp"

namespace sa::adapter::detail {

// A string such as "4GiB" or an integer byte count >= 0.
std::optional<std::uint64_t> size_value(const TomlTable& t, std::string_view key);
// "auto" -> 0, otherwise a size that must be > 0.
std::optional<std::uint64_t> size_or_auto(const TomlTable& t, std::string_view key, bool* is_auto);
// "auto" -> 0, otherwise an integer >= 1.
std::optional<int> count_or_auto(const TomlTable& t, std::string_view key, bool* is_auto);
// A walltime string ("4h", "1-00:00:00", ...) or an integer number of minutes > 0.
std::optional<int> walltime_value(const TomlTable& t, std::string_view key);
// A path: "~" / "~/x" expand to $HOME, relative paths are taken from base_dir, the result is normalised.
std::optional<std::filesystem::path> path_value(const TomlTable& t, std::string_view key,
                                                const std::filesystem::path& base_dir);
// A string without control characters (it will be quoted into an #SBATCH line, where a newline cannot be).
std::optional<std::string> line_string(const TomlTable& t, std::string_view key);
bool has_control_char(std::string_view s);

}  // namespace sa::adapter::detail
