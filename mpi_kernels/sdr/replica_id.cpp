// replica_id over one 136-byte message (3 SHA-256 blocks with the padding), proofs.md §2.
#include "sdr/replica_id.hpp"

#include <algorithm>
#include <array>

#include "hash/sha256.hpp"
#include "hash/trunc254.hpp"

namespace sa::kernels {

Commitment prover_id(std::uint64_t miner_actor_id) {
  Commitment id{};
  std::size_t i = 0;
  do {
    std::uint8_t byte = miner_actor_id & 0x7f;
    miner_actor_id >>= 7;
    if (miner_actor_id != 0) byte |= 0x80;
    id[i++] = byte;
  } while (miner_actor_id != 0);  // at most 10 bytes for a u64
  return id;
}

Commitment replica_id(std::uint64_t miner_actor_id, std::uint64_t sector_number, const Commitment& ticket,
                      const Commitment& comm_d, const PorepId& porep_id) {
  std::array<std::uint8_t, 136> msg{};
  const Commitment prover = prover_id(miner_actor_id);
  auto* p = std::copy(prover.begin(), prover.end(), msg.begin());
  for (int b = 7; b >= 0; --b) *p++ = static_cast<std::uint8_t>(sector_number >> (8 * b));
  p = std::copy(ticket.begin(), ticket.end(), p);
  p = std::copy(comm_d.begin(), comm_d.end(), p);
  std::copy(porep_id.begin(), porep_id.end(), p);
  Commitment out = sha256(msg.data(), msg.size());
  trunc254(out.data());
  return out;
}

}  // namespace sa::kernels
