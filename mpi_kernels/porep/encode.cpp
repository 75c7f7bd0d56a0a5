// encode_nodes / decode_nodes (proofs.md §5). Addition and subtraction mod p do not depend on the
// representation, so canonical limbs are used directly (no Montgomery conversion). A first pass checks
// every node so a bad node leaves the buffer untouched.
#include "porep/encode.hpp"

#include <string>

#include "base/error.hpp"
#include "field/fr_limbs.hpp"

namespace sa::kernels {
namespace {

void require_field_elements(const std::uint8_t* nodes, std::uint64_t n, const char* what, const char* op) {
  for (std::uint64_t i = 0; i < n; ++i) {
    if (!fr_detail::is_canonical(fr_detail::load_le(nodes + 32 * i))) {
      throw Error(ErrorKind::Corrupt, std::string(op) + ": " + what + " node " + std::to_string(i) +
                                          " is not a BLS12-381 field element (>= p); the data is not Fr32-padded "
                                          "or the file is damaged");
    }
  }
}

template <bool kEncode>
void transform(const std::uint8_t* key, std::uint8_t* nodes, std::uint64_t n) {
  const char* op = kEncode ? "encode" : "decode";
  require_field_elements(key, n, "key", op);
  require_field_elements(nodes, n, kEncode ? "data" : "replica", op);
  for (std::uint64_t i = 0; i < n; ++i) {
    const fr_detail::Limbs k = fr_detail::load_le(key + 32 * i);
    const fr_detail::Limbs v = fr_detail::load_le(nodes + 32 * i);
    fr_detail::store_le(kEncode ? fr_detail::add_mod(v, k) : fr_detail::sub_mod(v, k), nodes + 32 * i);
  }
}

}  // namespace

void encode_nodes(const std::uint8_t* key, std::uint8_t* data_in_replica_out, std::uint64_t n) {
  transform<true>(key, data_in_replica_out, n);
}

void decode_nodes(const std::uint8_t* key, std::uint8_t* replica_in_data_out, std::uint64_t n) {
  transform<false>(key, replica_in_data_out, n);
}

}  // namespace sa::kernels
