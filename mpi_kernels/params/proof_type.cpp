// Registered seal proof ids <-> (size, version).
#include "params/proof_type.hpp"

#include <cctype>

namespace sa::params {

namespace {
int size_index(SectorSize s) {
  for (std::size_t i = 0; i < kSectorSizes.size(); ++i) {
    if (kSectorSizes[i] == s) return static_cast<int>(i);
  }
  return 0;
}
}  // namespace

SectorSize SealProof::size() const { return kSectorSizes[static_cast<std::size_t>(id % 5)]; }

ProofVersion SealProof::version() const { return kProofVersions[static_cast<std::size_t>(id / 5)]; }

std::string SealProof::name() const {
  std::string n = "StackedDrg" + std::string(sector_size_name(size()));
  switch (version()) {
    case ProofVersion::V1: return n + "V1";
    case ProofVersion::V1_1: return n + "V1_1";
    case ProofVersion::SyntheticPoRep: return n + "V1_1_Feat_SyntheticPoRep";
    case ProofVersion::NiPoRep: return n + "V1_2_Feat_NonInteractivePoRep";
  }
  return n;
}

std::array<std::uint8_t, 32> SealProof::porep_id() const {
  std::array<std::uint8_t, 32> out{};
  auto v = static_cast<std::uint64_t>(id);
  for (int i = 0; i < 8; ++i) out[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * i));
  return out;
}

std::optional<SealProof> seal_proof_from_id(std::int64_t id) {
  if (id < 0 || id > kMaxSealProofId) return std::nullopt;
  return SealProof{id};
}

std::optional<SealProof> seal_proof_from_name(std::string_view name) {
  for (std::int64_t id = 0; id <= kMaxSealProofId; ++id) {
    if (SealProof{id}.name() == name) return SealProof{id};
  }
  return std::nullopt;
}

SealProof seal_proof(SectorSize size, ProofVersion version) {
  int v = 0;
  for (std::size_t i = 0; i < kProofVersions.size(); ++i) {
    if (kProofVersions[i] == version) v = static_cast<int>(i);
  }
  return SealProof{static_cast<std::int64_t>(v * 5 + size_index(size))};
}

std::string_view proof_version_name(ProofVersion v) {
  switch (v) {
    case ProofVersion::V1: return "V1";
    case ProofVersion::V1_1: return "V1_1";
    case ProofVersion::SyntheticPoRep: return "SyntheticPoRep";
    case ProofVersion::NiPoRep: return "NiPoRep";
  }
  return "?";
}

std::optional<ProofVersion> parse_proof_version(std::string_view text) {
  std::string t;
  for (char c : text) t.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (t == "v1" || t == "v1_0") return ProofVersion::V1;
  if (t == "v1_1" || t == "v1.1") return ProofVersion::V1_1;
  if (t == "syntheticporep" || t == "synthetic" || t == "v1_1_feat_syntheticporep") return ProofVersion::SyntheticPoRep;
  if (t == "niporep" || t == "ni" || t == "v1_2" || t == "ni-porep") return ProofVersion::NiPoRep;
  return std::nullopt;
}

}  // namespace sa::params
