// Feistel permutation: the precomputed masks of proofs.md §3.3 / the derived vectors, the tabulated round
// function against direct BLAKE2b hashing, and that permute() is a bijection of [0, n) for domains that are
// and are not powers of 4 (cycle walking).
#include <gtest/gtest.h>

#include <vector>

#include "base/error.hpp"
#include "graph/feistel.hpp"

namespace sa::kernels {
namespace {

constexpr std::array<std::uint64_t, 4> kKeys = {0x8fb5fa185a23bce6, 0xd567abafe374f26e, 0xa2f3f4da23359acc,
                                                0xcbf4931c8d02e1a5};

TEST(Feistel, MasksAsUpstreamPrecompute) {
  const Feistel f512(512, kKeys);  // 2KiB: 64 nodes · 8
  EXPECT_EQ(f512.half_bits(), 5u);
  EXPECT_EQ(f512.left_mask(), 0x3e0u);
  EXPECT_EQ(f512.right_mask(), 0x1fu);
  const Feistel f512mib(std::uint64_t{1} << 27, kKeys);
  EXPECT_EQ(f512mib.left_mask(), 0xfffc000u);
  EXPECT_EQ(f512mib.right_mask(), 0x3fffu);
  const Feistel f32gib(std::uint64_t{1} << 33, kKeys);
  EXPECT_EQ(f32gib.half_bits(), 17u);
  EXPECT_EQ(f32gib.left_mask(), 0x3fffe0000u);
  EXPECT_EQ(Feistel(4, kKeys).half_bits(), 1u);  // log4 starts at 1
  EXPECT_EQ(Feistel(16, kKeys).half_bits(), 2u);
  EXPECT_EQ(Feistel(17, kKeys).half_bits(), 3u);
}

TEST(Feistel, TableEqualsDirectHashing) {
  for (const std::uint64_t n : {std::uint64_t{512}, std::uint64_t{800}, std::uint64_t{1} << 21}) {
    const Feistel f(n, kKeys);
    for (std::uint64_t i = 0; i < 2000; ++i) {
      const std::uint64_t x = (i * 0x9e3779b97f4a7c15u) % n;
      ASSERT_EQ(f.permute(x), f.permute_direct(x)) << "n=" << n << " x=" << x;
    }
  }
}

TEST(Feistel, PermutesTheDomain) {
  for (const std::uint64_t n : {std::uint64_t{8}, std::uint64_t{512}, std::uint64_t{800}, std::uint64_t{4097}}) {
    const Feistel f(n, kKeys);
    std::vector<bool> seen(n, false);
    for (std::uint64_t x = 0; x < n; ++x) {
      const std::uint64_t y = f.permute(x);
      ASSERT_LT(y, n);
      ASSERT_FALSE(seen[y]) << "n=" << n << ": " << y << " hit twice";
      seen[y] = true;
    }
  }
}

TEST(Feistel, RejectsEmptyDomain) { EXPECT_THROW(Feistel(0, kKeys), Error); }

}  // namespace
}  // namespace sa::kernels
