// CID text forms of commitments (proofs.md §6.4; go-fil-commcid commcid.go, FRC-0069 piece CID v2):
//   CommD / CommP v1: CIDv1, codec 0xf101 fil-commitment-unsealed, multihash 0x1012 sha2-256-trunc254-padded
//   CommR:            CIDv1, codec 0xf102 fil-commitment-sealed,   multihash 0xb401 poseidon-bls12_381-a2-fc1
//   Piece CID v2:     CIDv1, codec 0x55 raw, multihash 0x1011 fr32-sha256-trunc254-padbintree,
//                     digest = uvarint(padding) ‖ height (1 byte) ‖ comm
// all as 'b' + base32 lower-case without padding.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "piece/commitment.hpp"

namespace sa::kernels {

std::string comm_d_cid(const Commitment& comm);  // "baga6ea4sea…"; also the v1 form of a CommP
std::string comm_r_cid(const Commitment& comm);  // "bagboea4b5abc…"
// "bafkzcib…": padded_size must be a padded piece size whose 127/128 capacity holds payload_size; height
// is log2(padded_size/32) and padding is capacity − payload. Throws sa::Error(Usage) otherwise.
std::string piece_cid_v2(const Commitment& comm, std::uint64_t payload_size, std::uint64_t padded_size);

struct ParsedCommCid {
  enum class Kind { Unsealed, Sealed, PieceV2 };
  Kind kind = Kind::Unsealed;
  Commitment comm{};
  std::uint64_t payload_size = 0;  // PieceV2 only
  std::uint64_t padded_size = 0;   // PieceV2 only
};

// Parses any of the three forms. Throws sa::Error(Usage) for anything else or anything malformed: another
// multibase, a bad character, non-canonical base32 or varints, another CID version, codec or multihash, a
// wrong digest length, trailing bytes, a v2 height below 2 or above kMaxTreeLevel, padding above capacity.
ParsedCommCid parse_comm_cid(std::string_view text);

}  // namespace sa::kernels
