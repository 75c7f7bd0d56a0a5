// Vector-file access and the missing-file policy (see vector_files.hpp).
#include "vector_files.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace sa::vectors {

std::filesystem::path vectors_dir() { return std::filesystem::path(SA_VECTORS_DIR); }

bool vectors_required() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && (std::string_view(ci) == "true" || std::string_view(ci) == "1");
}

std::optional<std::string> read_vector_file(std::string_view name) {
  std::ifstream in(vectors_dir() / std::string(name), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string missing_vectors_message(std::string_view name) {
  std::string msg = "*** VECTOR FILE MISSING: " + (vectors_dir() / std::string(name)).string() +
                    " *** (set -DSA_VECTORS_DIR=… to the shared/vectors directory)";
  msg += vectors_required() ? "; CI=true, so this is a failure" : "; skipping because CI is not set to true";
  std::cerr << msg << '\n';
  return msg;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return s.substr(first, last - first + 1);
}

bool is_comment_or_blank(std::string_view line) {
  const std::string_view t = trim(line);
  return t.empty() || t.front() == '#';
}

std::vector<std::string> split_fields(std::string_view line, char sep) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = line.find(sep, start);
    fields.emplace_back(trim(line.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start)));
    if (at == std::string_view::npos) return fields;
    start = at + 1;
  }
}

std::string joined_comments(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    std::string_view t = trim(line);
    if (t.empty() || t.front() != '#') continue;
    const std::size_t text_at = t.find_first_not_of('#');
    if (text_at == std::string_view::npos) continue;  // a bare "#"
    t = trim(t.substr(text_at));
    if (t.empty()) continue;
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

std::vector<std::uint8_t> bytes_from_hex(std::string_view hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::vector<std::uint8_t> out;
  if (hex.size() % 2 != 0) {
    ADD_FAILURE() << "odd-length hex in a vector file: " << hex;
    return out;
  }
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      ADD_FAILURE() << "bad hex in a vector file: " << hex;
      return {};
    }
    out.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
  }
  return out;
}

std::string hex_of(const std::uint8_t* data, std::size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  for (std::size_t i = 0; i < n; ++i) {
    s += kDigits[data[i] >> 4];
    s += kDigits[data[i] & 15];
  }
  return s;
}

}  // namespace sa::vectors
