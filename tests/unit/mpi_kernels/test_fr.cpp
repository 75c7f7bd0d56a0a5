// Fr (Montgomery, fr.hpp) against the schoolbook reference (fr_reference.hpp) on random values and on the
// edges: 0, 1, p − 1, p − 2, values around 2^254, and the rejection of everything ≥ p (p, 2^255 − 1,
// 2^255, 2^256 − 1). Bytes are canonical little-endian both ways.
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "field/fr.hpp"
#include "field/fr_reference.hpp"

namespace sa::kernels {
namespace {

using U256 = fr_reference::U256;

U256 canonical(const Fr& x) { return x.to_canonical(); }

Fr make(const U256& v) { return Fr::from_canonical(v); }

std::vector<U256> edge_values() {
  const U256 p = fr_reference::modulus();
  U256 pm1 = p, pm2 = p;
  pm1[0] -= 1;
  pm2[0] -= 2;
  return {U256{0, 0, 0, 0},
          U256{1, 0, 0, 0},
          U256{2, 0, 0, 0},
          U256{~0ull, 0, 0, 0},
          U256{0, 1, 0, 0},
          pm1,
          pm2,
          U256{~0ull, ~0ull, ~0ull, 0x3fffffffffffffffull},  // 2^254 − 1
          U256{0, 0, 0, 0x4000000000000000ull},              // 2^254
          U256{1, 0, 0, 0x4000000000000000ull},              // 2^254 + 1
          U256{~0ull, ~0ull, ~0ull, 0x73eda753299d7d47ull}};  // just below p's top limb
}

std::vector<U256> random_values(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<U256> v;
  while (v.size() < n) {
    U256 x = {rng(), rng(), rng(), rng() >> 1};  // < 2^255, then rejection like a field sampler
    if (fr_detail::is_canonical(x)) v.push_back(x);
  }
  return v;
}

std::vector<U256> all_values() {
  auto v = edge_values();
  const auto r = random_values(200, 42);
  v.insert(v.end(), r.begin(), r.end());
  return v;
}

TEST(FrTest, MontgomeryConstants) {
  EXPECT_EQ(fr_detail::kInv, 0xfffffffeffffffffull);
  // R = 2^256 mod p as blstrs writes it.
  EXPECT_EQ(fr_detail::kR, (U256{0x00000001fffffffeull, 0x5884b7fa00034802ull, 0x998c4fefecbc4ff5ull,
                                 0x1824b159acc5056full}));
  EXPECT_EQ(Fr::one().to_canonical(), (U256{1, 0, 0, 0}));
}

TEST(FrTest, BytesRoundTripIsCanonicalLittleEndian) {
  for (const auto& v : all_values()) {
    std::uint8_t bytes[32];
    fr_detail::store_le(v, bytes);
    const Fr x = Fr::from_bytes_le(bytes);
    EXPECT_EQ(canonical(x), v);
    std::uint8_t out[32];
    x.to_bytes_le(out);
    EXPECT_EQ(std::vector<std::uint8_t>(out, out + 32), std::vector<std::uint8_t>(bytes, bytes + 32));
  }
  std::uint8_t one[32] = {1};
  EXPECT_EQ(Fr::from_bytes_le(one), Fr::one());
  EXPECT_EQ(Fr::from_u64(0x1234567890abcdefull).to_canonical(), (U256{0x1234567890abcdefull, 0, 0, 0}));
}

TEST(FrTest, RejectsValuesAtOrAboveModulus) {
  const U256 p = fr_reference::modulus();
  U256 p1 = p;
  p1[0] += 1;
  for (const U256& bad : {p, p1, U256{~0ull, ~0ull, ~0ull, 0x7fffffffffffffffull},
                          U256{0, 0, 0, 0x8000000000000000ull}, U256{~0ull, ~0ull, ~0ull, ~0ull},
                          U256{0, 0, 0, 0x7400000000000000ull}}) {
    std::uint8_t bytes[32];
    fr_detail::store_le(bad, bytes);
    EXPECT_FALSE(is_canonical_fr_bytes(bytes));
    try {
      (void)Fr::from_bytes_le(bytes);
      ADD_FAILURE() << "accepted a value >= p";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Corrupt);
      EXPECT_NE(std::string(e.what()).find(">= p"), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW((void)Fr::from_canonical(p), Error);
}

TEST(FrTest, ArithmeticMatchesReference) {
  const auto vals = all_values();
  for (std::size_t i = 0; i < vals.size(); ++i) {
    for (std::size_t j = 0; j < vals.size(); j += 7) {
      const U256& a = vals[i];
      const U256& b = vals[(i + j) % vals.size()];
      const Fr x = make(a), y = make(b);
      ASSERT_EQ(canonical(x + y), fr_reference::add(a, b));
      ASSERT_EQ(canonical(x - y), fr_reference::sub(a, b));
      ASSERT_EQ(canonical(x * y), fr_reference::mul(a, b));
      Fr z = x;
      z += y;
      z *= y;
      z -= x;
      ASSERT_EQ(canonical(z), fr_reference::sub(fr_reference::mul(fr_reference::add(a, b), b), a));
    }
  }
}

TEST(FrTest, UnaryOperationsMatchReference) {
  for (const auto& a : all_values()) {
    const Fr x = make(a);
    EXPECT_EQ(canonical(x.square()), fr_reference::mul(a, a));
    EXPECT_EQ(canonical(x.pow5()), fr_reference::pow(a, U256{5, 0, 0, 0}));
    EXPECT_EQ(canonical(-x), fr_reference::sub(U256{}, a));
    const U256 e = {a[3], a[0], 0, 1};
    EXPECT_EQ(canonical(x.pow(e)), fr_reference::pow(a, e));
    if (a != U256{}) {
      EXPECT_EQ(canonical(x.inverse()), fr_reference::inverse(a));
      EXPECT_EQ(x * x.inverse(), Fr::one());
    }
  }
  EXPECT_THROW((void)Fr::zero().inverse(), Error);
}

TEST(FrTest, MultiplicationPathsAgree) {
  if (!fr_detail::fr_adx_available()) GTEST_SKIP() << "CPU without BMI2/ADX: only the portable path exists here";
  const auto vals = all_values();
  for (const auto& a : vals) {
    for (const auto& b : vals) {
      ASSERT_EQ(fr_detail::mont_mul_adx(a, b), fr_detail::mont_mul_portable(a, b));
    }
  }
}

// mont_mul's choice: SA_FR_MUL forces one (adx only where the CPU has it), anything else is a usage error,
// and without it the timed choice is still one of the two (both are checked equal above).
TEST(FrTest, MultiplicationChoiceFollowsSaFrMul) {
  const char* saved = std::getenv("SA_FR_MUL");
  const std::string keep = saved == nullptr ? "" : saved;
  ::setenv("SA_FR_MUL", "portable", 1);
  EXPECT_FALSE(fr_detail::fr_choose_adx());
  ::setenv("SA_FR_MUL", "adx", 1);
  EXPECT_EQ(fr_detail::fr_choose_adx(), fr_detail::fr_adx_available());
  ::setenv("SA_FR_MUL", "fastest", 1);
  EXPECT_THROW((void)fr_detail::fr_choose_adx(), Error);
  ::unsetenv("SA_FR_MUL");
  const bool timed = fr_detail::fr_choose_adx();
  EXPECT_TRUE(!timed || fr_detail::fr_adx_available());
  if (saved != nullptr) ::setenv("SA_FR_MUL", keep.c_str(), 1);
}

TEST(FrTest, DotEqualsSumOfProducts) {
  const auto vals = all_values();
  std::vector<Fr> xs, ys;
  for (std::size_t i = 0; i < vals.size(); ++i) {
    xs.push_back(make(vals[i]));
    ys.push_back(make(vals[(i * 7 + 3) % vals.size()]));
  }
  for (int n : {1, 2, 3, 9, 12, 37, 64}) {
    for (std::size_t start = 0; start + static_cast<std::size_t>(n) <= xs.size(); start += 17) {
      Fr expected;
      for (int k = 0; k < n; ++k) expected += xs[start + static_cast<std::size_t>(k)] * ys[start + static_cast<std::size_t>(k)];
      ASSERT_EQ(Fr::dot(xs.data() + start, ys.data() + start, n), expected) << n << " " << start;
    }
  }
  // The largest sum the accumulator allows: 64 products of (p − 1)·(p − 1).
  const std::vector<Fr> max(64, -Fr::one());
  EXPECT_EQ(Fr::dot(max.data(), max.data(), 64), Fr::from_u64(64));
}

TEST(FrTest, EqualityAndZero) {
  EXPECT_TRUE(Fr().is_zero());
  EXPECT_TRUE((Fr::one() - Fr::one()).is_zero());
  EXPECT_EQ(Fr::from_u64(3) + Fr::from_u64(4), Fr::from_u64(7));
  EXPECT_NE(Fr::from_u64(3), Fr::from_u64(4));
  const U256 p = fr_reference::modulus();
  U256 pm1 = p;
  pm1[0] -= 1;
  EXPECT_TRUE((make(pm1) + Fr::one()).is_zero());  // wrap-around at p
}

}  // namespace
}  // namespace sa::kernels
