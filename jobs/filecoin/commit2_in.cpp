// Writing and reading the C2 envelope.
#include "filecoin/commit2_in.hpp"

#include <nlohmann/json.hpp>

#include "base/error.hpp"
#include "filecoin/base64.hpp"
#include "params/sector_size.hpp"

namespace sa::jobs::filecoin {

std::string commit2_in_json(std::uint64_t sector_number, std::string_view commit1_out, std::uint64_t sector_size) {
  // Field order and spelling as Go writes the struct; base64 has no character that JSON must escape.
  return "{\"SectorNum\":" + std::to_string(sector_number) + ",\"Phase1Out\":\"" + base64_encode(commit1_out) +
         "\",\"SectorSize\":" + std::to_string(sector_size) + "}";
}

Commit2In read_commit2_in(std::string_view text) {
  auto bad = [](const std::string& why) { return Error(ErrorKind::Corrupt, "C2 envelope: " + why); };
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw bad("not a JSON object");
  for (const auto& [key, v] : j.items()) {
    if (key != "SectorNum" && key != "Phase1Out" && key != "SectorSize") throw bad("unexpected field \"" + key + "\"");
  }
  Commit2In in;
  for (const char* key : {"SectorNum", "SectorSize"}) {
    auto it = j.find(key);
    if (it == j.end()) throw bad(std::string("missing \"") + key + "\"");
    if (!it->is_number_unsigned()) throw bad(std::string(key) + ": must be a non-negative integer");
  }
  in.sector_number = j["SectorNum"].get<std::uint64_t>();
  in.sector_size = j["SectorSize"].get<std::uint64_t>();
  if (!params::sector_size_from_bytes(in.sector_size)) {
    throw bad("SectorSize " + std::to_string(in.sector_size) + " is not a sector size");
  }
  auto p1 = j.find("Phase1Out");
  if (p1 == j.end()) throw bad("missing \"Phase1Out\"");
  if (!p1->is_string()) throw bad("Phase1Out: must be a base64 string");
  try {
    in.phase1_out = base64_decode(p1->get<std::string>(), "Phase1Out");
  } catch (const Error& e) {
    throw bad(e.what());
  }
  if (in.phase1_out.empty()) throw bad("Phase1Out is empty");
  return in;
}

}  // namespace sa::jobs::filecoin
