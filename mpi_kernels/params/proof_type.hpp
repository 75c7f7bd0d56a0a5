// Registered seal proof types (go-state-types abi/sector.go; rust-filecoin-proofs-api registry.rs):
// ids 0-4 V1, 5-9 V1_1, 10-14 V1_1 SyntheticPoRep, 15-19 V1_2 NI-PoRep, each in size order.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "params/sector_size.hpp"

namespace sa::params {

enum class ProofVersion { V1, V1_1, SyntheticPoRep, NiPoRep };

inline constexpr std::array<ProofVersion, 4> kProofVersions = {
    ProofVersion::V1, ProofVersion::V1_1, ProofVersion::SyntheticPoRep, ProofVersion::NiPoRep};

struct SealProof {
  std::int64_t id;  // RegisteredSealProof integer, as on the wire

  SectorSize size() const;
  ProofVersion version() const;
  // "StackedDrg32GiBV1_1", "StackedDrg2KiBV1_1_Feat_SyntheticPoRep", ...
  std::string name() const;
  // V1 ids use the legacy graph (proofs.md §1.2: u64_le(porep_id[0..8]) <= 4).
  bool legacy_graph() const { return id <= 4; }
  // porep_id = u64_le(id) || u64_le(0) || 16 zero bytes.
  std::array<std::uint8_t, 32> porep_id() const;

  friend bool operator==(SealProof a, SealProof b) { return a.id == b.id; }
};

inline constexpr std::int64_t kMaxSealProofId = 19;

// Throws nothing: nullopt for ids outside 0..19.
std::optional<SealProof> seal_proof_from_id(std::int64_t id);
// By rust-fil-proofs' RegisteredSealProof name ("StackedDrg2KiBV1_1"); nullopt for any other text.
std::optional<SealProof> seal_proof_from_name(std::string_view name);
SealProof seal_proof(SectorSize size, ProofVersion version);
// "V1", "V1_1", "SyntheticPoRep" ("synthetic"), "NiPoRep" ("ni", "V1_2"); case-insensitive.
std::optional<ProofVersion> parse_proof_version(std::string_view text);
std::string_view proof_version_name(ProofVersion v);

}  // namespace sa::params
