// ChaCha8 as rand_chacha 0.3: the djb-variant keystream of draft-strombergson-chacha-test-vectors (TC1,
// 8 rounds, 256-bit zero key, zero IV), the 64-bit block counter (DJB's reference vector with counter
// 2^64 - 1, which wraps to block 0) and the u32/u64 word order. The DRG parents in the vector tests check
// the seeding end to end.
#include <gtest/gtest.h>

#include <array>
#include <string>

#include "graph/chacha8.hpp"
#include "test_bytes.hpp"

namespace sa::kernels {
namespace {

using testing::hex;

constexpr const char* kZeroKeyBlocks01 =
    "3e00ef2f895f40d67f5bb8e81f09a5a12c840ec3ce9a7f3b181be188ef711a1e"
    "984ce172b9216f419f445367456d5619314a42a3da86b001387bfdb80e0cfe42"
    "d2aefa0deaa5c151bf0adb6c01f2a5adc0fd581259f9a2aadcf20f8fd566a26b"
    "5032ec38bbc5da98ee0c6f568b872a65a08abf251deb21bb4b56e5d8821e68aa";

constexpr const char* kZeroKeyBlockMinus1 =
    "df8a0bceca2fbb111f29978fa9a64407c68ced975ff55a24707265d0687e6aef"
    "b3597eac46e4b0a79b3a49c8b0f1775ac3edd7eb6a6d9bcb38f276517a79e014";

TEST(ChaCha8, ZeroKeyKeystreamBlocks0And1) {
  const ChaCha8Rng rng(std::array<std::uint8_t, 32>{});
  std::array<std::uint8_t, 128> ks{};
  rng.block(0, ks.data());
  rng.block(1, ks.data() + 64);
  EXPECT_EQ(hex(ks), kZeroKeyBlocks01);
}

TEST(ChaCha8, CounterIsSixtyFourBits) {
  // Block 2^64 - 1 uses both counter words (the IETF variant would only see the low one).
  const ChaCha8Rng rng(std::array<std::uint8_t, 32>{});
  std::array<std::uint8_t, 64> ks{};
  rng.block(~std::uint64_t{0}, ks.data());
  EXPECT_EQ(hex(ks), kZeroKeyBlockMinus1);
  rng.block(std::uint64_t{1} << 32, ks.data());
  std::array<std::uint8_t, 64> block0{};
  rng.block(0, block0.data());
  EXPECT_NE(hex(ks), hex(block0));
}

TEST(ChaCha8, WordsFollowTheKeystreamAcrossBlocks) {
  std::array<std::uint8_t, 32> seed{};
  for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<std::uint8_t>(3 * i + 1);
  ChaCha8Rng words(seed);
  ChaCha8Rng pairs(seed);
  std::array<std::uint8_t, 192> ks{};
  for (std::uint64_t b = 0; b < 3; ++b) words.block(b, ks.data() + 64 * b);
  for (std::size_t i = 0; i < 48; ++i) {
    const std::uint32_t expect = std::uint32_t{ks[4 * i]} | std::uint32_t{ks[4 * i + 1]} << 8 |
                                 std::uint32_t{ks[4 * i + 2]} << 16 | std::uint32_t{ks[4 * i + 3]} << 24;
    ASSERT_EQ(words.next_u32(), expect) << "word " << i;
  }
  // next_u64: the next 8 keystream bytes read little-endian (low word first).
  ChaCha8Rng again(seed);
  for (std::size_t i = 0; i < 24; ++i) {
    std::uint64_t expect = 0;
    for (int b = 7; b >= 0; --b) expect = expect << 8 | ks[8 * i + static_cast<std::size_t>(b)];
    ASSERT_EQ(pairs.next_u64(), expect) << "u64 " << i;
  }
  // An odd number of u32 draws before a u64 straddles words, as rand_core's BlockRng does.
  (void)again.next_u32();
  const std::uint64_t straddle = again.next_u64();
  EXPECT_EQ(straddle & 0xffffffffu, (std::uint64_t{ks[4]} | std::uint64_t{ks[5]} << 8 |
                                     std::uint64_t{ks[6]} << 16 | std::uint64_t{ks[7]} << 24));
}

}  // namespace
}  // namespace sa::kernels
