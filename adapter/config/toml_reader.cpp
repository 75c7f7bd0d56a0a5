// TomlTable: typed access with "FILE:LINE" errors (toml_reader.hpp).
#include "config/toml_reader.hpp"

#include "base/error.hpp"

namespace sa::adapter::detail {

void config_error(const std::string& source, int line, const std::string& message) {
  throw Error(ErrorKind::Config, source + ":" + std::to_string(line) + ": " + message);
}

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

std::string_view type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return "table";
    case toml::node_type::array: return "array";
    case toml::node_type::string: return "string";
    case toml::node_type::integer: return "integer";
    case toml::node_type::floating_point: return "float";
    case toml::node_type::boolean: return "boolean";
    case toml::node_type::date: return "date";
    case toml::node_type::time: return "time";
    case toml::node_type::date_time: return "date-time";
    case toml::node_type::none: return "nothing";
  }
  return "value";
}

TomlTable::TomlTable(const toml::table& table, std::string source, std::string where)
    : table_(table), source_(std::move(source)), where_(std::move(where)) {
  for (auto&& [k, v] : table_) key_lines_.emplace(std::string(k.str()), static_cast<int>(k.source().begin.line));
}

int TomlTable::line(std::string_view key) const {
  auto it = key_lines_.find(key);
  if (it != key_lines_.end() && it->second > 0) return it->second;
  if (const toml::node* n = table_.get(key)) return line_of(*n);
  return table_line();
}

void TomlTable::fail(std::string_view key, const std::string& message) const {
  fail_at(line(key), message);
}

void TomlTable::fail_at(int at, const std::string& message) const { config_error(source_, at, message); }

void TomlTable::wrong_type(std::string_view key, std::string_view expected) const {
  fail(key, "'" + std::string(key) + "' in " + where_ + " must be " + std::string(expected) + ", not a " +
                std::string(type_name(*table_.get(key))));
}

void TomlTable::require_known_keys(const std::vector<std::string_view>& known) const {
  for (auto&& [k, v] : table_) {
    bool ok = false;
    for (std::string_view name : known) ok = ok || k.str() == name;
    if (ok) continue;
    std::string list;
    for (std::string_view name : known) list += (list.empty() ? "" : ", ") + std::string(name);
    fail(k.str(), "unknown key '" + std::string(k.str()) + "' in " + where_ + " (known keys: " + list + ")");
  }
}

std::optional<std::string> TomlTable::string(std::string_view key) const {
  const toml::node* n = table_.get(key);
  if (n == nullptr) return std::nullopt;
  if (!n->is_string()) wrong_type(key, "a string");
  return n->as_string()->get();
}

std::optional<bool> TomlTable::boolean(std::string_view key) const {
  const toml::node* n = table_.get(key);
  if (n == nullptr) return std::nullopt;
  if (!n->is_boolean()) wrong_type(key, "true or false");
  return n->as_boolean()->get();
}

std::optional<std::int64_t> TomlTable::integer(std::string_view key, std::int64_t min, std::int64_t max,
                                               std::string_view what) const {
  const toml::node* n = table_.get(key);
  if (n == nullptr) return std::nullopt;
  if (!n->is_integer()) wrong_type(key, "an integer");
  const std::int64_t v = n->as_integer()->get();
  if (v < min || v > max) {
    fail(key, "'" + std::string(key) + "' in " + where_ + " must be " + std::string(what) + ", got " +
                  std::to_string(v));
  }
  return v;
}

std::optional<TomlTable> TomlTable::table(std::string_view key) const {
  const toml::node* n = table_.get(key);
  if (n == nullptr) return std::nullopt;
  if (!n->is_table()) wrong_type(key, "a table");
  return TomlTable(*n->as_table(), source_, "[" + std::string(key) + "]");
}

std::optional<std::vector<std::pair<std::string, int>>> TomlTable::string_array(std::string_view key) const {
  const toml::node* n = table_.get(key);
  if (n == nullptr) return std::nullopt;
  if (!n->is_array()) wrong_type(key, "an array of strings");
  std::vector<std::pair<std::string, int>> out;
  for (const toml::node& el : *n->as_array()) {
    if (!el.is_string()) {
      fail_at(line_of(el) > 0 ? line_of(el) : line(key),
              "'" + std::string(key) + "' in " + where_ + " must contain only strings, found a " +
                  std::string(type_name(el)));
    }
    out.emplace_back(el.as_string()->get(), line_of(el) > 0 ? line_of(el) : line(key));
  }
  return out;
}

}  // namespace sa::adapter::detail
