// The C2 input envelope that `lotus-bench prove` and cuzk read (lotus cmd/lotus-bench Commit2In; cuzk
// C1OutputWrapper; docs/08-filecoin-formats.md §3): {"SectorNum","Phase1Out","SectorSize"} as Go's
// json.Marshal writes it, Phase1Out being the Commit1Out bytes in standard base64.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sa::adapter::lotus {

std::string commit2_in_json(std::uint64_t sector_number, std::string_view commit1_out, std::uint64_t sector_size);

}  // namespace sa::adapter::lotus
