// Which environment-variable names a site may export into a job script: [A-Z_][A-Z0-9_]*. Stricter than
// POSIX on purpose (no lower case) so a name never needs quoting and never shadows a shell variable such as
// "path" or "home" by accident.
#pragma once

#include <string_view>

namespace sa::adapter {

inline bool is_valid_env_name(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool ok = (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

}  // namespace sa::adapter
