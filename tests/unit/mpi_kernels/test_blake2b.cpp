// BLAKE2b-512: RFC 7693 Appendix A ("abc"), the empty message, block-boundary lengths 127/128/129/256
// (digests computed with Python's hashlib.blake2b), and the 16-byte Feistel special case against the
// general function.
#include <gtest/gtest.h>

#include <vector>

#include "graph/blake2b.hpp"
#include "test_bytes.hpp"

namespace sa::kernels {
namespace {

using testing::bytes_of;
using testing::hex;

std::vector<std::uint8_t> counting(std::size_t n) {
  std::vector<std::uint8_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint8_t>(i);
  return v;
}

TEST(Blake2b512, Rfc7693Abc) {
  const auto abc = bytes_of("abc");
  EXPECT_EQ(hex(blake2b_512(abc.data(), abc.size())),
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
            "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
}

TEST(Blake2b512, EmptyMessage) {
  EXPECT_EQ(hex(blake2b_512(nullptr, 0)),
            "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419"
            "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce");
}

TEST(Blake2b512, BlockBoundaries) {
  struct Case {
    std::size_t n;
    const char* digest;
  };
  const Case cases[] = {
      {127, "b6292669ccd38d5f01caae96ba272c76a879a45743afa0725d83b9ebb26665b7"
            "31f1848c52f11972b6644f554c064fa90780dbbbf3a89d4fc31f67df3e5857ef"},
      {128, "2319e3789c47e2daa5fe807f61bec2a1a6537fa03f19ff32e87eecbfd64b7e0e"
            "8ccff439ac333b040f19b0c4ddd11a61e24ac1fe0f10a039806c5dcc0da3d115"},
      {129, "f59711d44a031d5f97a9413c065d1e614c417ede998590325f49bad2fd444d3e"
            "4418be19aec4e11449ac1a57207898bc57d76a1bcf3566292c20c683a5c4648f"},
      {256, "1ecc896f34d3f9cac484c73f75f6a5fb58ee6784be41b35f46067b9c65c63a67"
            "94d3d744112c653f73dd7deb6666204c5a9bfa5b46081fc10fdbe7884fa5cbf8"},
  };
  for (const auto& c : cases) {
    const auto msg = counting(c.n);
    EXPECT_EQ(hex(blake2b_512(msg.data(), msg.size())), c.digest) << c.n << " bytes";
  }
}

TEST(Blake2b512, FeistelRoundValueIsTheFirstEightBytesBigEndian) {
  // hashlib.blake2b(struct.pack('>QQ', 5, 0x0123456789abcdef)).digest()[:8] = 7a37ee3c07671e44
  EXPECT_EQ(feistel_round_value(5, 0x0123456789abcdef), 0x7a37ee3c07671e44u);
  for (std::uint64_t i = 0; i < 200; ++i) {
    const std::uint64_t right = i * 0x9e3779b97f4a7c15u;
    const std::uint64_t key = ~i * 0xc2b2ae3d27d4eb4fu;
    std::uint8_t msg[16];
    for (int b = 0; b < 8; ++b) {
      msg[b] = static_cast<std::uint8_t>(right >> (56 - 8 * b));
      msg[8 + b] = static_cast<std::uint8_t>(key >> (56 - 8 * b));
    }
    const auto d = blake2b_512(msg, sizeof msg);
    std::uint64_t expect = 0;
    for (std::size_t b = 0; b < 8; ++b) expect = expect << 8 | d[b];
    ASSERT_EQ(feistel_round_value(right, key), expect) << i;
  }
}

}  // namespace
}  // namespace sa::kernels
