// Checking and keeping SealCommit2's Commit1Out.
#include "lotus/commit2_call.hpp"

#include <nlohmann/json.hpp>

#include "base/error.hpp"
#include "filecoin/commit1_out.hpp"
#include "filecoin/hex_bytes.hpp"
#include "hash/sha256.hpp"
#include "publish/atomic_file.hpp"

namespace sa::adapter::lotus {

std::filesystem::path commit1_out_for_c2(const LotusSector& s, const std::string& bytes,
                                         const std::filesystem::path& state_dir) {
  nlohmann::json doc = nlohmann::json::parse(bytes, nullptr, false);
  if (doc.is_discarded()) throw Error(ErrorKind::Usage, "Commit1Out: not JSON");
  jobs::filecoin::Commit1Out c1;
  try {
    c1 = jobs::filecoin::read_commit1_out(doc);
  } catch (const Error& e) {
    throw Error(ErrorKind::Usage, std::string("Commit1Out: not Filecoin's SealCommitPhase1Output: ") + e.what());
  }
  if (c1.proof.id != s.proof.id) {
    throw Error(ErrorKind::Usage, "Commit1Out: registered_proof is " + c1.proof.name() + ", the sector's is " + s.proof.name());
  }
  if (c1.has_sector && (c1.miner != s.sector.miner || c1.sector != s.sector.number)) {
    throw Error(ErrorKind::Usage, "Commit1Out: _sealadapter names sector " + std::to_string(c1.sector) + " of t0" +
                                      std::to_string(c1.miner) + ", not this call's sector");
  }
  auto digest = kernels::sha256(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  const std::string tag = jobs::filecoin::hex_encode(std::string_view(reinterpret_cast<const char*>(digest.data()), 8));
  auto file = state_dir / "commit2" /
              (std::to_string(s.sector.miner) + "-" + std::to_string(s.sector.number) + "-" + tag + ".json");
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    std::filesystem::create_directories(file.parent_path());
    staging::write_file_atomic(file, bytes);
  }
  return file;
}

std::string proof_bytes(const std::string& hex) {
  auto bytes = jobs::filecoin::hex_decode(hex);
  if (!bytes) throw Error(ErrorKind::Corrupt, "the C2 result's proof is not whole bytes of hex");
  return *bytes;
}

}  // namespace sa::adapter::lotus
