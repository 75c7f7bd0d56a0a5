// A streaming JSON writer for documents too large to hold as a tree (a 32GiB Commit1Out is ~50 MB of
// JSON): values go straight to the stream, commas and nesting are tracked here. Output has no whitespace,
// as serde_json::to_vec writes it.
#pragma once

#include <cstdint>
#include <ostream>
#include <string_view>
#include <vector>

#include "piece/commitment.hpp"

namespace sa::jobs::filecoin {

class JsonOut {
 public:
  explicit JsonOut(std::ostream& out) : out_(out) {}

  JsonOut& begin_object();
  JsonOut& end_object();
  JsonOut& begin_array();
  JsonOut& end_array();
  JsonOut& key(std::string_view name);  // inside an object, before its value
  JsonOut& value(std::uint64_t v);
  JsonOut& value(std::string_view s);
  JsonOut& null();
  // A [u8; 32] as serde writes it: an array of 32 integers, byte i first.
  JsonOut& bytes32(const kernels::Commitment& c);

 private:
  void before_value();
  JsonOut& open(char bracket);
  JsonOut& close(char bracket);
  std::ostream& out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace sa::jobs::filecoin
