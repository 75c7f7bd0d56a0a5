// Commitment CIDs and their building blocks: base32 and varint round trips, encode/parse round trips of all
// three kinds, and rejection of corrupted, truncated and foreign CIDs.
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "base/error.hpp"
#include "piece/cid.hpp"
#include "piece/multibase.hpp"
#include "test_bytes.hpp"

namespace sa::kernels {
namespace {

Commitment sample_comm(std::uint64_t seed) {
  const auto b = testing::random_bytes(32, seed);
  Commitment c;
  std::copy(b.begin(), b.end(), c.begin());
  c[31] &= 0x3f;
  return c;
}

TEST(Base32, RoundTripsAndRfcVectors) {
  const std::string rfc[] = {"", "my", "mzxq", "mzxw6", "mzxw6yq", "mzxw6ytb", "mzxw6ytboi"};  // "", f, fo, …
  const std::string plain = "foobar";
  for (std::size_t n = 0; n <= 6; ++n) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(plain.data());
    EXPECT_EQ(base32_lower_encode(p, n), rfc[n]);
    EXPECT_EQ(base32_lower_decode(rfc[n]), std::vector<std::uint8_t>(p, p + n));
  }
  for (std::size_t n = 0; n < 70; ++n) {
    const auto b = testing::random_bytes(n, n);
    EXPECT_EQ(base32_lower_decode(base32_lower_encode(b.data(), b.size())), b);
  }
  EXPECT_THROW(base32_lower_decode("MZXW6"), sa::Error);  // upper case is another multibase
  EXPECT_THROW(base32_lower_decode("mzx1"), sa::Error);   // '1' is not in the alphabet
  EXPECT_THROW(base32_lower_decode("mzx"), sa::Error);    // impossible length
  EXPECT_THROW(base32_lower_decode("mz"), sa::Error);     // leftover bits not zero ("my" is canonical)
}

TEST(Varint, RoundTripAndStrictness) {
  for (std::uint64_t v : {0ull, 1ull, 127ull, 128ull, 300ull, 0xf101ull, 1ull << 35, (1ull << 63) - 1}) {
    std::vector<std::uint8_t> b;
    put_uvarint(b, v);
    std::size_t pos = 0;
    EXPECT_EQ(read_uvarint(b, pos), v);
    EXPECT_EQ(pos, b.size());
  }
  std::vector<std::uint8_t> f101;
  put_uvarint(f101, 0xf101);
  EXPECT_EQ(f101, (std::vector<std::uint8_t>{0x81, 0xe2, 0x03}));
  std::size_t pos = 0;
  const std::vector<std::uint8_t> overlong = {0x81, 0x00};
  EXPECT_THROW(read_uvarint(overlong, pos), sa::Error);
  pos = 0;
  const std::vector<std::uint8_t> truncated = {0x81};
  EXPECT_THROW(read_uvarint(truncated, pos), sa::Error);
}

TEST(CommCid, RoundTripAllKinds) {
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const Commitment c = sample_comm(seed);
    const std::string d = comm_d_cid(c);
    EXPECT_EQ(d.rfind("baga6ea4sea", 0), 0u) << d;
    auto p = parse_comm_cid(d);
    EXPECT_EQ(p.kind, ParsedCommCid::Kind::Unsealed);
    EXPECT_EQ(p.comm, c);

    const std::string r = comm_r_cid(c);
    EXPECT_EQ(r.rfind("bagboea4b5abc", 0), 0u) << r;
    p = parse_comm_cid(r);
    EXPECT_EQ(p.kind, ParsedCommCid::Kind::Sealed);
    EXPECT_EQ(p.comm, c);

    const std::uint64_t padded = std::uint64_t{128} << seed;
    const std::uint64_t payload = padded / 128 * 127 - seed * 1000 % (padded / 128 * 127);
    const std::string v2 = piece_cid_v2(c, payload, padded);
    EXPECT_EQ(v2.rfind("bafkzcib", 0), 0u) << v2;
    p = parse_comm_cid(v2);
    EXPECT_EQ(p.kind, ParsedCommCid::Kind::PieceV2);
    EXPECT_EQ(p.comm, c);
    EXPECT_EQ(p.padded_size, padded);
    EXPECT_EQ(p.payload_size, payload);
  }
}

TEST(CommCid, RejectsCorruption) {
  const Commitment c = sample_comm(1);
  // Each CID with the number of leading characters that encode only header fields (version, codec,
  // multihash, length; for v2 not the padding, which may legitimately take other values).
  const std::vector<std::pair<std::string, std::size_t>> cids = {
      {comm_d_cid(c), 11}, {comm_r_cid(c), 12}, {piece_cid_v2(c, 1000, 2048), 8}};
  for (const auto& [good, header_chars] : cids) {
    EXPECT_THROW(parse_comm_cid(good.substr(0, good.size() - 1)), sa::Error) << good;  // truncated
    EXPECT_THROW(parse_comm_cid(good + "a"), sa::Error) << good;                       // trailing data
    EXPECT_THROW(parse_comm_cid("B" + good.substr(1)), sa::Error) << good;             // other multibase
    EXPECT_THROW(parse_comm_cid("z" + good.substr(1)), sa::Error) << good;
    for (std::size_t i = 1; i <= header_chars; ++i) {
      std::string bad = good;
      bad[i] = bad[i] == 'a' ? 'b' : 'a';
      EXPECT_THROW(parse_comm_cid(bad), sa::Error) << bad;
    }
    std::string bad = good;
    bad[20] = '1';  // not base32
    EXPECT_THROW(parse_comm_cid(bad), sa::Error);
  }
  EXPECT_THROW(parse_comm_cid(""), sa::Error);
  EXPECT_THROW(parse_comm_cid("b"), sa::Error);
  // A plain CIDv1 raw sha2-256 (bafkrei…) is a valid CID but no commitment.
  EXPECT_THROW(parse_comm_cid("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"), sa::Error);
  try {
    parse_comm_cid("bogus");
  } catch (const sa::Error& e) {
    EXPECT_EQ(e.kind(), sa::ErrorKind::Usage);
  }
}

TEST(CommCid, PieceV2Limits) {
  const Commitment c = sample_comm(2);
  EXPECT_THROW(piece_cid_v2(c, 255, 256), sa::Error);  // capacity is 254
  EXPECT_THROW(piece_cid_v2(c, 10, 100), sa::Error);
  EXPECT_NO_THROW(piece_cid_v2(c, 0, 128));
}

TEST(CommitmentHex, RoundTripAndErrors) {
  const Commitment c = sample_comm(3);
  EXPECT_EQ(commitment_from_hex(to_hex(c)), c);
  std::string upper = to_hex(c);
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  EXPECT_EQ(commitment_from_hex(upper), c);
  EXPECT_THROW(commitment_from_hex(to_hex(c).substr(1)), sa::Error);
  EXPECT_THROW(commitment_from_hex("zz" + to_hex(c).substr(2)), sa::Error);
}

}  // namespace
}  // namespace sa::kernels
