// replica_id (proofs.md §2): prover_id as LEB128 of the actor id, and a hand-checked case, actor 1000,
// sector 7, ticket 01..20, comm_d 64..83, porep_id of StackedDrg2KiBV1_1: the 136-byte message is spelled
// out here byte by byte, and its trunc254(SHA-256) was also computed with Python's hashlib.
#include <gtest/gtest.h>

#include <vector>

#include "hash/sha256.hpp"
#include "sdr/replica_id.hpp"
#include "test_bytes.hpp"

namespace sa::kernels {
namespace {

using testing::hex;

TEST(ProverId, Leb128OfTheActorId) {
  EXPECT_EQ(hex(prover_id(1000)).substr(0, 8), "e8070000");
  EXPECT_EQ(hex(prover_id(0)), std::string(64, '0'));
  EXPECT_EQ(hex(prover_id(127)).substr(0, 4), "7f00");
  EXPECT_EQ(hex(prover_id(128)).substr(0, 6), "800100");
  EXPECT_EQ(hex(prover_id(~std::uint64_t{0})).substr(0, 22), "ffffffffffffffffff0100");
}

TEST(ReplicaId, HandCheckedCase) {
  Commitment ticket{}, comm_d{};
  for (std::size_t i = 0; i < 32; ++i) {
    ticket[i] = static_cast<std::uint8_t>(1 + i);
    comm_d[i] = static_cast<std::uint8_t>(100 + i);
  }
  const PorepId porep = params::SealProof{5}.porep_id();

  std::vector<std::uint8_t> msg = {0xe8, 0x07};  // prover_id of f01000
  msg.resize(32, 0);
  for (int b = 0; b < 7; ++b) msg.push_back(0);  // sector 7, big-endian u64
  msg.push_back(7);
  msg.insert(msg.end(), ticket.begin(), ticket.end());
  msg.insert(msg.end(), comm_d.begin(), comm_d.end());
  msg.insert(msg.end(), porep.begin(), porep.end());
  ASSERT_EQ(msg.size(), 136u);
  Sha256Digest expect = sha256(msg.data(), msg.size());
  expect[31] &= 0x3f;

  const Commitment id = replica_id(1000, 7, ticket, comm_d, porep);
  EXPECT_EQ(hex(id), hex(expect));
  EXPECT_EQ(hex(id), "4c99e3d4ec09e8651ec9cb790d3864dbdc08ae5cf48682bfb040b30b47591121");
  EXPECT_EQ(id[31] & 0xc0, 0);
  EXPECT_NE(hex(replica_id(1000, 8, ticket, comm_d, porep)), hex(id));
}

}  // namespace
}  // namespace sa::kernels
