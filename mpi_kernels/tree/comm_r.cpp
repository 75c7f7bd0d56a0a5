// comm_r and p_aux (see comm_r.hpp; proofs.md §7.5).
#include "tree/comm_r.hpp"

#include <algorithm>
#include <string>

#include "base/error.hpp"
#include "field/fr.hpp"
#include "hash/poseidon.hpp"

namespace sa::kernels {

Commitment comm_r(const Commitment& comm_c, const Commitment& comm_r_last) {
  std::uint8_t in[64];
  std::copy(comm_c.begin(), comm_c.end(), in);
  std::copy(comm_r_last.begin(), comm_r_last.end(), in + 32);
  Commitment out{};
  poseidon_hash_bytes(in, 2, out.data());
  return out;
}

std::array<std::uint8_t, kPAuxBytes> p_aux_bytes(const PAux& p_aux) {
  std::array<std::uint8_t, kPAuxBytes> out{};
  std::copy(p_aux.comm_c.begin(), p_aux.comm_c.end(), out.begin());
  std::copy(p_aux.comm_r_last.begin(), p_aux.comm_r_last.end(), out.begin() + 32);
  return out;
}

PAux parse_p_aux(const std::uint8_t* bytes, std::size_t n) {
  if (n != kPAuxBytes) {
    throw Error(ErrorKind::Corrupt, "p_aux: " + std::to_string(n) + " bytes, expected 64 (comm_c, comm_r_last)");
  }
  if (!is_canonical_fr_bytes(bytes) || !is_canonical_fr_bytes(bytes + 32)) {
    throw Error(ErrorKind::Corrupt, "p_aux: a commitment is not a field element (>= p)");
  }
  PAux p;
  std::copy(bytes, bytes + 32, p.comm_c.begin());
  std::copy(bytes + 32, bytes + 64, p.comm_r_last.begin());
  return p;
}

}  // namespace sa::kernels
