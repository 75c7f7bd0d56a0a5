// Streaming JSON output.
#include "filecoin/json_out.hpp"

#include "base/error.hpp"

namespace sa::jobs::filecoin {

void JsonOut::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ << ',';
    first_.back() = false;
  }
}

JsonOut& JsonOut::open(char bracket) {
  before_value();
  out_ << bracket;
  first_.push_back(true);
  return *this;
}

JsonOut& JsonOut::close(char bracket) {
  first_.pop_back();
  out_ << bracket;
  return *this;
}

JsonOut& JsonOut::begin_object() { return open('{'); }
JsonOut& JsonOut::end_object() { return close('}'); }
JsonOut& JsonOut::begin_array() { return open('['); }
JsonOut& JsonOut::end_array() { return close(']'); }

JsonOut& JsonOut::key(std::string_view name) {
  before_value();
  // Keys here are fixed identifiers of the format; none needs escaping.
  out_ << '"' << name << "\":";
  after_key_ = true;
  return *this;
}

JsonOut& JsonOut::value(std::uint64_t v) {
  before_value();
  out_ << v;
  return *this;
}

JsonOut& JsonOut::value(std::string_view s) {
  before_value();
  out_ << '"';
  for (char c : s) {
    if (c == '"' || c == '\\') out_ << '\\' << c;
    else if (static_cast<unsigned char>(c) < 0x20) throw Error(ErrorKind::Internal, "JSON string with a control character");
    else out_ << c;
  }
  out_ << '"';
  return *this;
}

JsonOut& JsonOut::null() {
  before_value();
  out_ << "null";
  return *this;
}

JsonOut& JsonOut::bytes32(const kernels::Commitment& c) {
  before_value();
  out_ << '[';
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (i) out_ << ',';
    out_ << static_cast<unsigned>(c[i]);
  }
  out_ << ']';
  return *this;
}

}  // namespace sa::jobs::filecoin
