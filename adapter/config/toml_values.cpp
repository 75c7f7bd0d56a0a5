// Value kinds of the site file (toml_values.hpp). The only getenv here is HOME, for "~/" paths.
#include "config/toml_values.hpp"

#include <cstdlib>

#include "config/units.hpp"

namespace sa::adapter::detail {

bool has_control_char(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return true;
  }
  return false;
}

std::optional<std::uint64_t> size_value(const TomlTable& t, std::string_view key) {
  const toml::node* n = t.node(key);
  if (n == nullptr) return std::nullopt;
  if (n->is_integer()) {
    const std::int64_t v = n->as_integer()->get();
    if (v < 0) t.fail(key, "'" + std::string(key) + "' in " + t.where() + " must not be negative, got " +
                               std::to_string(v));
    return static_cast<std::uint64_t>(v);
  }
  if (!n->is_string()) t.wrong_type(key, "a size such as \"4GiB\" or a byte count");
  const std::string& s = n->as_string()->get();
  auto v = parse_size(s);
  if (!v) {
    t.fail(key, "'" + std::string(key) + "' in " + t.where() + ": cannot read \"" + s +
                    "\" as a size (examples: \"512MiB\", \"4GiB\", \"3G\", 1073741824)");
  }
  return v;
}

std::optional<std::uint64_t> size_or_auto(const TomlTable& t, std::string_view key, bool* is_auto) {
  *is_auto = false;
  if (auto s = t.node(key); s != nullptr && s->is_string() && s->as_string()->get() == "auto") {
    *is_auto = true;
    return 0;
  }
  auto v = size_value(t, key);
  if (v && *v == 0) t.fail(key, "'" + std::string(key) + "' in " + t.where() + " must be more than 0 (or \"auto\")");
  return v;
}

std::optional<int> count_or_auto(const TomlTable& t, std::string_view key, bool* is_auto) {
  *is_auto = false;
  const toml::node* n = t.node(key);
  if (n == nullptr) return std::nullopt;
  if (n->is_string()) {
    if (n->as_string()->get() != "auto") t.wrong_type(key, "an integer or \"auto\"");
    *is_auto = true;
    return 0;
  }
  return static_cast<int>(*t.integer(key, 1, 1 << 20, "at least 1 (or \"auto\")"));
}

std::optional<int> walltime_value(const TomlTable& t, std::string_view key) {
  const toml::node* n = t.node(key);
  if (n == nullptr) return std::nullopt;
  if (n->is_integer()) return static_cast<int>(*t.integer(key, 1, 1 << 30, "a number of minutes > 0"));
  if (!n->is_string()) t.wrong_type(key, "a walltime such as \"4h\" or \"1-00:00:00\"");
  const std::string& s = n->as_string()->get();
  auto v = parse_walltime_minutes(s);
  if (!v) {
    t.fail(key, "walltime '" + std::string(key) + "' in " + t.where() + ": cannot read \"" + s +
                    "\" (use minutes \"90\", \"HH:MM:SS\", \"D-HH:MM:SS\", \"90m\", \"4h\" or \"2d\")");
  }
  return v;
}

std::optional<std::filesystem::path> path_value(const TomlTable& t, std::string_view key,
                                                const std::filesystem::path& base_dir) {
  auto s = line_string(t, key);
  if (!s) return std::nullopt;
  if (s->empty()) return std::filesystem::path();
  std::filesystem::path p;
  if (*s == "~" || s->rfind("~/", 0) == 0) {
    const char* home = std::getenv("HOME");
    if (home == nullptr || *home == '\0') t.fail(key, "'" + std::string(key) + "' uses \"~\" but HOME is not set");
    p = std::filesystem::path(home) / s->substr(s->size() > 1 ? 2 : 1);
  } else {
    p = *s;
    if (p.is_relative()) p = base_dir / p;
  }
  p = p.lexically_normal();
  // "a/b/" normalises to "a/b/" (empty filename); drop the trailing separator for tidy paths.
  if (!p.has_filename() && p.has_parent_path() && p != p.root_path()) p = p.parent_path();
  return p;
}

std::optional<std::string> line_string(const TomlTable& t, std::string_view key) {
  auto s = t.string(key);
  if (s && has_control_char(*s)) {
    t.fail(key, "'" + std::string(key) + "' in " + t.where() +
                    " contains a control character (newline, tab, ...); it could not be passed to sbatch safely");
  }
  return s;
}

}  // namespace sa::adapter::detail
