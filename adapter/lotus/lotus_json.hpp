// Lotus's wire shapes (lotus.md §5.6) and their parsing: SectorRef, CallID, PieceInfo, SectorCids, CallError,
// byte slices as standard base64, CIDs as {"/": "..."}. Parsing is strict: anything off is sa::Error(Usage)
// naming the field, so a malformed miner call is refused before it becomes a task.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "filecoin/base64.hpp"
#include "store/records.hpp"
#include "params/proof_type.hpp"

namespace sa::adapter::lotus {

inline constexpr std::uint32_t kWorkerApiVersion = 67328;  // 1.7.0
inline constexpr std::uint32_t kMinerApiVersion = 66816;   // 1.5.0

// storiface error codes: temporary ones make the miner retry the task.
inline constexpr int kErrUnknown = 0;
inline constexpr int kErrTempUnknown = 100;
inline constexpr int kErrTempWorkerRestart = 101;
inline constexpr int kErrTempAllocateSpace = 102;

// SectorFileType bits.
inline constexpr int kFtUnsealed = 1, kFtSealed = 2, kFtCache = 4;

struct CallId {
  SectorRef sector;
  std::string id;  // uuid
};

using jobs::filecoin::base64_decode;  // throws Usage on bad input
using jobs::filecoin::base64_encode;
std::string new_uuid();                                                 // random (v4)

struct LotusSector {
  SectorRef sector;
  params::SealProof proof{5};
};

LotusSector parse_sector_ref(const nlohmann::json& j);
nlohmann::json sector_id_json(const SectorRef& s);
nlohmann::json call_id_json(const CallId& c);
CallId parse_call_id(const nlohmann::json& j);
std::string call_id_string(const CallId& c);  // "<miner>-<number>-<uuid>"

nlohmann::json cid_json(const std::string& cid);
std::string parse_cid(const nlohmann::json& j, const char* field);
nlohmann::json call_error(int code, const std::string& message);

// The 32 bytes of a ticket or seed (base64 in Lotus's JSON) as hex.
std::string randomness_hex(const nlohmann::json& j, const char* field);

}  // namespace sa::adapter::lotus
