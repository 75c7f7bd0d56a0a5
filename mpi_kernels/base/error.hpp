// sa::Error: the one exception type of the project. It says what went wrong (kind), whether trying again
// can help (Lotus's temporary vs permanent split), and carries a message with its context chain.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace sa {

enum class ErrorKind { Usage, Config, Io, Corrupt, Slurm, Resource, Internal };

enum class Retry { Permanent, Retryable };

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message, Retry retry = Retry::Permanent)
      : std::runtime_error(std::move(message)), kind_(kind), retry_(retry) {}

  ErrorKind kind() const noexcept { return kind_; }
  Retry retry() const noexcept { return retry_; }
  bool retryable() const noexcept { return retry_ == Retry::Retryable; }

  // The same error with "context: " in front, so callers add where it happened without losing the kind.
  Error with_context(std::string_view context) const {
    return Error(kind_, std::string(context) + ": " + what(), retry_);
  }

 private:
  ErrorKind kind_;
  Retry retry_;
};

inline std::string_view error_kind_name(ErrorKind k) {
  switch (k) {
    case ErrorKind::Usage: return "usage";
    case ErrorKind::Config: return "config";
    case ErrorKind::Io: return "io";
    case ErrorKind::Corrupt: return "corrupt";
    case ErrorKind::Slurm: return "slurm";
    case ErrorKind::Resource: return "resource";
    case ErrorKind::Internal: return "internal";
  }
  return "internal";
}

}  // namespace sa
