// Replica encoding and decoding (proofs.md §5; rust-fil-proofs storage-proofs-porep/src/encode.rs): per
// 32-byte little-endian node, replica = (key + data) mod p and data = (replica − key) mod p, where the key is
// the last layer's label. Byte-compatible with the sealed files Lotus keeps.
#pragma once

#include <cstdint>

namespace sa::kernels {

// data_in_replica_out: n nodes of staged data, replaced in place by the replica; key: n label nodes.
// Every node is checked first: if any data or key node is ≥ p (not a field element: damaged staging or a
// file that is not Fr32-padded), nothing is written and sa::Error(Corrupt) names the first bad node.
void encode_nodes(const std::uint8_t* key, std::uint8_t* data_in_replica_out, std::uint64_t n);

// replica_in_data_out: n sealed nodes, replaced in place by the data. Same checks and errors.
void decode_nodes(const std::uint8_t* key, std::uint8_t* replica_in_data_out, std::uint64_t n);

}  // namespace sa::kernels
