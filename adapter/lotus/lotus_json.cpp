// Lotus JSON shapes.
#include "lotus/lotus_json.hpp"

#include <array>
#include <random>

#include "base/error.hpp"
#include "piece/cid.hpp"

namespace sa::adapter::lotus {

namespace {

Error bad(const std::string& field, const std::string& why) { return Error(ErrorKind::Usage, field + ": " + why); }

std::uint64_t u64_field(const nlohmann::json& j, const char* name, const char* where) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_number_unsigned()) {
    throw bad(std::string(where) + "." + name, "must be a non-negative integer");
  }
  return it->get<std::uint64_t>();
}

}  // namespace

std::string new_uuid() {
  std::random_device rd;
  std::array<std::uint8_t, 16> b{};
  for (auto& x : b) x = static_cast<std::uint8_t>(rd());
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
    s += hex[b[i] >> 4];
    s += hex[b[i] & 15];
  }
  return s;
}

LotusSector parse_sector_ref(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("ID") || !j["ID"].is_object()) throw bad("SectorRef", "must be {\"ID\":{\"Miner\",\"Number\"},\"ProofType\"}");
  LotusSector s;
  s.sector.miner = u64_field(j["ID"], "Miner", "SectorRef.ID");
  s.sector.number = u64_field(j["ID"], "Number", "SectorRef.ID");
  auto proof = params::seal_proof_from_id(static_cast<std::int64_t>(u64_field(j, "ProofType", "SectorRef")));
  if (!proof) throw bad("SectorRef.ProofType", "unknown registered seal proof " + j["ProofType"].dump());
  s.proof = *proof;
  return s;
}

nlohmann::json sector_id_json(const SectorRef& s) { return {{"Miner", s.miner}, {"Number", s.number}}; }

nlohmann::json call_id_json(const CallId& c) { return {{"Sector", sector_id_json(c.sector)}, {"ID", c.id}}; }

CallId parse_call_id(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("Sector") || !j.contains("ID") || !j["ID"].is_string()) {
    throw bad("CallID", "must be {\"Sector\":{...},\"ID\":uuid}");
  }
  return CallId{{u64_field(j["Sector"], "Miner", "CallID.Sector"), u64_field(j["Sector"], "Number", "CallID.Sector")},
                j["ID"].get<std::string>()};
}

std::string call_id_string(const CallId& c) {
  return std::to_string(c.sector.miner) + "-" + std::to_string(c.sector.number) + "-" + c.id;
}

nlohmann::json cid_json(const std::string& cid) { return {{"/", cid}}; }

std::string parse_cid(const nlohmann::json& j, const char* field) {
  if (!j.is_object() || !j.contains("/") || !j["/"].is_string()) throw bad(field, "must be a CID {\"/\": \"...\"}");
  std::string cid = j["/"].get<std::string>();
  kernels::parse_comm_cid(cid);  // throws Usage for anything that is not a commitment CID
  return cid;
}

nlohmann::json call_error(int code, const std::string& message) { return {{"Code", code}, {"Message", message}}; }

std::string randomness_hex(const nlohmann::json& j, const char* field) {
  if (!j.is_string()) throw bad(field, "must be base64 bytes");
  std::string raw = base64_decode(j.get<std::string>(), field);
  if (raw.size() != 32) throw bad(field, "must be 32 bytes, not " + std::to_string(raw.size()));
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  return out;
}

}  // namespace sa::adapter::lotus
