// The C2 input envelope that `lotus-bench prove` and cuzk read (lotus cmd/lotus-bench Commit2In; cuzk
// C1OutputWrapper; docs/08-filecoin-formats.md §3): {"SectorNum","Phase1Out","SectorSize"} as Go's
// json.Marshal writes it, Phase1Out being the Commit1Out bytes in standard base64.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sa::jobs::filecoin {

std::string commit2_in_json(std::uint64_t sector_number, std::string_view commit1_out, std::uint64_t sector_size);

struct Commit2In {
  std::uint64_t sector_number = 0;
  std::string phase1_out;  // the Commit1Out bytes, decoded
  std::uint64_t sector_size = 0;
};

// Strict: exactly the three fields, integers where Go writes integers, SectorSize one of the five sector
// sizes, Phase1Out standard base64. Throws sa::Error(Corrupt) naming the field.
Commit2In read_commit2_in(std::string_view text);

}  // namespace sa::jobs::filecoin
