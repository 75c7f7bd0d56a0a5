// POSIX single-quoting (shell_quote.hpp). Inside '...' nothing is special except the closing quote, so the
// only escape needed is to close, emit an escaped quote, and reopen.
#include "render/shell_quote.hpp"

#include "base/error.hpp"

namespace sa::adapter {

std::string shell_quote(std::string_view text) {
  if (text.find('\0') != std::string_view::npos) {
    throw Error(ErrorKind::Config, "a value for the job script contains a NUL byte, which a shell cannot hold");
  }
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back('\'');
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  out.push_back('\'');
  return out;
}

}  // namespace sa::adapter
