// Reference Fr arithmetic: textbook algorithms on canonical integers (see fr_reference.hpp). Each step is the
// definition: a sum is reduced by at most one subtraction of p, a product is reduced bit by bit (shift in the
// next bit, subtract p when the remainder reaches p).
#include "field/fr_reference.hpp"

namespace sa::kernels::fr_reference {
namespace {

__extension__ typedef unsigned __int128 u128;  // __extension__: GCC/Clang type, silences -Wpedantic

constexpr U256 kP = {0xffffffff00000001ull, 0x53bda402fffe5bfeull, 0x3339d80809a1d805ull,
                     0x73eda753299d7d48ull};

bool geq(const U256& a, const U256& b) {
  for (int i = 3; i >= 0; --i) {
    if (a[i] != b[i]) return a[i] > b[i];
  }
  return true;
}

// a − b, assuming a ≥ b.
U256 minus(const U256& a, const U256& b) {
  U256 r{};
  std::uint64_t borrow = 0;
  for (int i = 0; i < 4; ++i) {
    const std::uint64_t d = a[i] - b[i] - borrow;
    borrow = (a[i] < b[i] || (a[i] == b[i] && borrow)) ? 1 : 0;
    r[i] = d;
  }
  return r;
}

}  // namespace

U256 modulus() { return kP; }

U256 reduce(const U256& x) {
  U256 r = x;
  while (geq(r, kP)) r = minus(r, kP);  // at most twice: x < 2^256 < 3p
  return r;
}

U256 add(const U256& a, const U256& b) {
  U256 s{};
  std::uint64_t carry = 0;
  for (int i = 0; i < 4; ++i) {
    const u128 t = static_cast<u128>(a[i]) + b[i] + carry;
    s[i] = static_cast<std::uint64_t>(t);
    carry = static_cast<std::uint64_t>(t >> 64);
  }
  return reduce(s);  // a + b < 2p < 2^256: no carry out
}

U256 sub(const U256& a, const U256& b) { return geq(a, b) ? minus(a, b) : add(a, minus(kP, b)); }

U256 mul(const U256& a, const U256& b) {
  std::array<std::uint64_t, 8> prod{};
  for (int i = 0; i < 4; ++i) {
    std::uint64_t carry = 0;
    for (int j = 0; j < 4; ++j) {
      const u128 t = static_cast<u128>(a[i]) * b[j] + prod[i + j] + carry;
      prod[i + j] = static_cast<std::uint64_t>(t);
      carry = static_cast<std::uint64_t>(t >> 64);
    }
    prod[i + 4] = carry;
  }
  // Long division by p, one bit at a time from the top: r stays < p < 2^255, so 2r + 1 fits in 256 bits.
  U256 r{};
  for (int bit = 511; bit >= 0; --bit) {
    for (int i = 3; i > 0; --i) r[i] = (r[i] << 1) | (r[i - 1] >> 63);
    r[0] = (r[0] << 1) | ((prod[bit / 64] >> (bit % 64)) & 1);
    if (geq(r, kP)) r = minus(r, kP);
  }
  return r;
}

U256 pow(const U256& a, const U256& e) {
  U256 result = {1, 0, 0, 0};
  U256 base = a;
  for (int bit = 0; bit < 256; ++bit) {
    if ((e[bit / 64] >> (bit % 64)) & 1) result = mul(result, base);
    base = mul(base, base);
  }
  return result;
}

U256 inverse(const U256& a) {
  U256 e = kP;
  e[0] -= 2;
  return pow(a, e);
}

}  // namespace sa::kernels::fr_reference
