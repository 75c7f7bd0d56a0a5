// Strict reading of serde-shaped JSON.
#include "filecoin/strict_json.hpp"

#include <set>

#include "base/error.hpp"

namespace sa::jobs::filecoin {

using nlohmann::json;

void StrictJson::refuse(const std::string& where, const std::string& what) const {
  throw Error(ErrorKind::Corrupt, document + ": " + where + ": " + what);
}

const json& StrictJson::object(const json& j, const std::string& where, std::initializer_list<const char*> keys) const {
  if (!j.is_object()) refuse(where, std::string("expected an object, got ") + j.type_name());
  std::set<std::string> want(keys.begin(), keys.end());
  for (const auto& [key, _] : j.items()) {
    if (!want.count(key)) refuse(where, "unknown key \"" + key + "\"");
  }
  for (const auto& key : want) {
    if (!j.contains(key)) refuse(where, "missing key \"" + key + "\"");
  }
  return j;
}

const json& StrictJson::array(const json& j, const std::string& where, std::size_t length) const {
  if (!j.is_array()) refuse(where, std::string("expected an array, got ") + j.type_name());
  if (j.size() != length) refuse(where, std::to_string(j.size()) + " values, expected " + std::to_string(length));
  return j;
}

std::uint64_t StrictJson::uint(const json& j, const std::string& where) const {
  // JSON text gives non-negative integers as unsigned; a document built in memory may hold them signed.
  if (!j.is_number_integer() || (!j.is_number_unsigned() && j.get<std::int64_t>() < 0)) {
    refuse(where, "expected an unsigned integer, got " + j.dump());
  }
  return j.get<std::uint64_t>();
}

const std::string& StrictJson::string(const json& j, const std::string& where) const {
  if (!j.is_string()) refuse(where, "expected a string, got " + j.dump());
  return j.get_ref<const std::string&>();
}

kernels::Commitment StrictJson::bytes32(const json& j, const std::string& where) const {
  array(j, where, 32);
  kernels::Commitment c{};
  for (std::size_t i = 0; i < 32; ++i) {
    const std::uint64_t b = uint(j[i], where + "[" + std::to_string(i) + "]");
    if (b > 255) refuse(where + "[" + std::to_string(i) + "]", "a byte is 0..255, got " + std::to_string(b));
    c[i] = static_cast<std::uint8_t>(b);
  }
  return c;
}

const json& StrictJson::variant(const json& j, const std::string& where, const std::string& expected) const {
  if (!j.is_object() || j.size() != 1) refuse(where, "expected {\"" + expected + "\": ...}");
  if (!j.contains(expected)) refuse(where, "variant \"" + j.begin().key() + "\", expected \"" + expected + "\"");
  return j.at(expected);
}

}  // namespace sa::jobs::filecoin
