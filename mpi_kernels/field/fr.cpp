// Fr's out-of-line parts: checked construction from bytes and limbs, exponentiation and inversion
// (proofs.md §0.1; the canonical/Montgomery split follows blstrs from_repr / to_repr).
#include "field/fr.hpp"

#include <string>

#include "base/error.hpp"

namespace sa::kernels {
namespace {

std::string hex_be(const Fr::Limbs& v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s = "0x";
  for (int i = 3; i >= 0; --i) {
    for (int k = 60; k >= 0; k -= 4) s += kDigits[(v[i] >> k) & 15];
  }
  return s;
}

void require_canonical(const Fr::Limbs& v, const char* what) {
  if (!fr_detail::is_canonical(v)) {
    throw Error(ErrorKind::Corrupt, std::string(what) + " " + hex_be(v) +
                                        " is not a BLS12-381 scalar field element (it is >= p)");
  }
}

}  // namespace

Fr Fr::from_bytes_le(const std::uint8_t* bytes32) { return from_canonical(fr_detail::load_le(bytes32)); }

Fr Fr::from_canonical(const Limbs& limbs) {
  require_canonical(limbs, "value");
  return from_canonical_unchecked(limbs);
}

Fr Fr::from_montgomery(const Limbs& limbs) {
  require_canonical(limbs, "Montgomery value");
  return from_montgomery_unchecked(limbs);
}

Fr Fr::pow(const Limbs& e) const {
  Fr result = one();
  for (int i = 3; i >= 0; --i) {
    for (int bit = 63; bit >= 0; --bit) {
      result = result.square();
      if ((e[i] >> bit) & 1) result *= *this;
    }
  }
  return result;
}

Fr Fr::inverse() const {
  if (is_zero()) throw Error(ErrorKind::Usage, "Fr::inverse: zero has no inverse");
  Limbs e = fr_detail::kModulus;
  e[0] -= 2;  // p − 2; p's low limb is 0xffffffff00000001, so no borrow
  return pow(e);
}

}  // namespace sa::kernels
