// Reading Filecoin's serde-shaped documents strictly: every object exactly the keys of its Rust struct,
// every array its length, every byte 0..255. Errors are sa::Error(Corrupt) "<document>: <JSON path>: what".
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>

#include <nlohmann/json.hpp>

#include "piece/commitment.hpp"

namespace sa::jobs::filecoin {

struct StrictJson {
  std::string document;  // "Commit1Out", "PreCommit1Out"

  [[noreturn]] void refuse(const std::string& where, const std::string& what) const;
  // The object at `where` with exactly `keys` (in any order).
  const nlohmann::json& object(const nlohmann::json& j, const std::string& where, std::initializer_list<const char*> keys) const;
  const nlohmann::json& array(const nlohmann::json& j, const std::string& where, std::size_t length) const;
  std::uint64_t uint(const nlohmann::json& j, const std::string& where) const;
  const std::string& string(const nlohmann::json& j, const std::string& where) const;
  kernels::Commitment bytes32(const nlohmann::json& j, const std::string& where) const;
  // The one key of an externally tagged enum, which must be `expected`.
  const nlohmann::json& variant(const nlohmann::json& j, const std::string& where, const std::string& expected) const;
};

}  // namespace sa::jobs::filecoin
