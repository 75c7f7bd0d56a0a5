// Typed access to JSON fields with errors that name the field: the contract files are read by programs on
// other machines, so a mistyped field must say exactly what is wrong.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "base/error.hpp"

namespace sa::jobs {

template <typename T>
T required_field(const nlohmann::json& j, const char* name, const char* where) {
  auto it = j.find(name);
  if (it == j.end()) throw Error(ErrorKind::Usage, std::string(where) + ": missing field \"" + name + "\"");
  try {
    return it->get<T>();
  } catch (const nlohmann::json::exception&) {
    throw Error(ErrorKind::Usage, std::string(where) + ": field \"" + name + "\" has the wrong type (" +
                                      it->type_name() + ")");
  }
}

template <typename T>
T optional_field(const nlohmann::json& j, const char* name, T fallback, const char* where) {
  if (!j.contains(name) || j.at(name).is_null()) return fallback;
  return required_field<T>(j, name, where);
}

}  // namespace sa::jobs
