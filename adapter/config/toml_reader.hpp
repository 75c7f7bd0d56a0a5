// Typed, line-aware access to one TOML table of the site file. Private to adapter/config (it includes
// toml++, which only this library links). Every error is sa::Error(Config) "FILE:LINE: message".
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sa::adapter::detail {

[[noreturn]] void config_error(const std::string& source, int line, const std::string& message);

// The line a node starts on (0 when toml++ has no position, e.g. a synthesized node).
int line_of(const toml::node& node);

class TomlTable {
 public:
  // `where` names the table in messages: "top level", "[[partition]] 'gpu'", "[allow]".
  TomlTable(const toml::table& table, std::string source, std::string where);

  // Every key must be in `known`; the first stranger is an error naming the known keys.
  void require_known_keys(const std::vector<std::string_view>& known) const;

  bool has(std::string_view key) const { return table_.contains(key); }
  int line(std::string_view key) const;       // the key's line, or the table's when absent
  int table_line() const { return line_of(table_); }
  const std::string& source() const { return source_; }
  const std::string& where() const { return where_; }
  const toml::table& raw() const { return table_; }
  const toml::node* node(std::string_view key) const { return table_.get(key); }

  std::optional<std::string> string(std::string_view key) const;
  std::optional<bool> boolean(std::string_view key) const;
  // An integer within [min, max]; `what` describes the range in the message ("at least 1").
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max,
                                      std::string_view what) const;
  // A TOML table (nullopt when absent).
  std::optional<TomlTable> table(std::string_view key) const;
  // An array of strings, each with its line.
  std::optional<std::vector<std::pair<std::string, int>>> string_array(std::string_view key) const;

  [[noreturn]] void fail(std::string_view key, const std::string& message) const;
  [[noreturn]] void fail_at(int line, const std::string& message) const;
  [[noreturn]] void wrong_type(std::string_view key, std::string_view expected) const;

 private:
  const toml::table& table_;
  std::string source_;
  std::string where_;
  std::map<std::string, int, std::less<>> key_lines_;
};

// "string", "integer", ... for messages.
std::string_view type_name(const toml::node& node);

}  // namespace sa::adapter::detail
