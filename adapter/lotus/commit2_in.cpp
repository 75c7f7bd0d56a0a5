// Writing the C2 envelope.
#include "lotus/commit2_in.hpp"

#include "lotus/lotus_json.hpp"

namespace sa::adapter::lotus {

std::string commit2_in_json(std::uint64_t sector_number, std::string_view commit1_out, std::uint64_t sector_size) {
  // Field order and spelling as Go writes the struct; base64 has no character that JSON must escape.
  return "{\"SectorNum\":" + std::to_string(sector_number) + ",\"Phase1Out\":\"" + base64_encode(commit1_out) +
         "\",\"SectorSize\":" + std::to_string(sector_size) + "}";
}

}  // namespace sa::adapter::lotus
