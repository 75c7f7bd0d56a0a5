// encode_nodes / decode_nodes (proofs.md §5): agree with Fr addition/subtraction on random and edge nodes
// (wrap-around at p), round-trip, and reject nodes ≥ p with Corrupt without touching the buffer.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/error.hpp"
#include "field/fr.hpp"
#include "poseidon_tree_testing.hpp"
#include "porep/encode.hpp"

namespace sa::kernels {
namespace {

using testing::random_fr_nodes;

std::vector<std::uint8_t> node_bytes(const Fr& x) {
  std::vector<std::uint8_t> b(32);
  x.to_bytes_le(b.data());
  return b;
}

TEST(EncodeTest, MatchesFieldArithmeticAndRoundTrips) {
  const std::uint64_t n = 1000;
  auto data = random_fr_nodes(n, 1);
  auto key = random_fr_nodes(n, 2);
  // Edge nodes: p − 1 + p − 1, 0 + 0, p − 1 + 1 (wraps to 0).
  const auto pm1 = node_bytes(-Fr::one()), one = node_bytes(Fr::one()), zero = node_bytes(Fr());
  std::copy(pm1.begin(), pm1.end(), data.begin());
  std::copy(pm1.begin(), pm1.end(), key.begin());
  std::copy(zero.begin(), zero.end(), data.begin() + 32);
  std::copy(zero.begin(), zero.end(), key.begin() + 32);
  std::copy(pm1.begin(), pm1.end(), data.begin() + 64);
  std::copy(one.begin(), one.end(), key.begin() + 64);

  auto replica = data;
  encode_nodes(key.data(), replica.data(), n);
  for (std::uint64_t i = 0; i < n; ++i) {
    const Fr expected = testing::node_fr(data.data(), i) + testing::node_fr(key.data(), i);
    ASSERT_EQ(testing::node_fr(replica.data(), i), expected) << i;
  }
  EXPECT_EQ(std::vector<std::uint8_t>(replica.begin() + 64, replica.begin() + 96), zero);
  auto back = replica;
  decode_nodes(key.data(), back.data(), n);
  EXPECT_EQ(back, data);
}

TEST(EncodeTest, RejectsNodesAboveTheModulusWithoutWriting) {
  const std::uint64_t n = 16;
  auto data = random_fr_nodes(n, 3);
  const auto key = random_fr_nodes(n, 4);
  data[32 * 9 + 31] = 0xff;  // node 9 ≥ p
  const auto before = data;
  try {
    encode_nodes(key.data(), data.data(), n);
    ADD_FAILURE() << "accepted a data node >= p";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Corrupt);
    EXPECT_NE(std::string(e.what()).find("data node 9"), std::string::npos) << e.what();
  }
  EXPECT_EQ(data, before);

  auto bad_key = key;
  bad_key[32 * 3 + 31] = 0x80;
  auto replica = random_fr_nodes(n, 5);
  try {
    decode_nodes(bad_key.data(), replica.data(), n);
    ADD_FAILURE() << "accepted a key node >= p";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("key node 3"), std::string::npos) << e.what();
  }
  replica[31] = 0x74;  // node 0 = 0x74… > p
  EXPECT_THROW(decode_nodes(key.data(), replica.data(), n), Error);
  EXPECT_NO_THROW(encode_nodes(key.data(), replica.data(), 0));  // nothing to do
}

}  // namespace
}  // namespace sa::kernels
