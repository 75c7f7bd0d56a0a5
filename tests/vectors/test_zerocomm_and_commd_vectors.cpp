// go-commp-utils__zerocomm-and-commd.txt: all zero-piece commitments (and Z[1]), TestZeroPadding (a
// 127-byte piece and its zero-padded 508-byte form), and TestGenerateUnsealedCID (a real 32GiB sector's
// CommD aggregated from 12 piece CIDs). Every data line must be understood.
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "piece/cid.hpp"
#include "piece/comm_d.hpp"
#include "piece/commp.hpp"
#include "vector_files.hpp"

namespace sa::kernels {
namespace {

using namespace sa::vectors;

constexpr char kFile[] = "go-commp-utils__zerocomm-and-commd.txt";

const std::regex kZeroRow(R"(^(\d+) \| (\d+) \| ([0-9a-f]{64})$)");
const std::regex kPieceRow(R"(^(\d+) \| (baga[a-z2-7]+)$)");
const std::regex kZeroPieceRow(R"(^(\d+) \| zero piece \(PieceComms\[(\d+)\]\)$)");
const std::regex kExpectedCommD(R"(^expected comm_d CID = (baga[a-z2-7]+)\s+\(size (\d+)\)$)");

class ZeroCommAndCommDVectors : public ::testing::Test {
 protected:
  void SetUp() override {
    SA_LOAD_VECTOR_FILE(text, kFile);
    lines_ = split_lines(text);
    comments_ = joined_comments(lines_);
    for (const auto& l : lines_) {
      if (!is_comment_or_blank(l)) data_.push_back(l);
    }
  }

  std::vector<std::string> lines_, data_;
  std::string comments_;
};

TEST_F(ZeroCommAndCommDVectors, EveryDataLineIsUnderstood) {
  EXPECT_GE(data_.size(), 48u);
  for (const auto& l : data_) {
    const bool ok = std::regex_search(l, kZeroRow) || std::regex_search(l, kPieceRow) ||
                    std::regex_search(l, kZeroPieceRow) || std::regex_search(l, kExpectedCommD);
    EXPECT_TRUE(ok) << "vector line not covered by any check: " << l;
  }
}

TEST_F(ZeroCommAndCommDVectors, AllZeroPieceCommitments) {
  int n = 0;
  for (const auto& l : data_) {
    std::smatch m;
    if (!std::regex_search(l, m, kZeroRow)) continue;
    const std::uint64_t index = std::stoull(m[1]), padded = std::stoull(m[2]);
    EXPECT_EQ(padded, std::uint64_t{128} << index) << l;  // PieceComms[i] covers 128 << i bytes
    EXPECT_EQ(to_hex(zero_piece_commitment(padded)), m[3].str()) << l;
    EXPECT_EQ(to_hex(zero_commitment(static_cast<unsigned>(index) + 2)), m[3].str()) << l;  // = Z[i+2]
    ++n;
  }
  EXPECT_EQ(n, 35);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(comments_, m, std::regex(R"(Z\[1\] for 64 bytes = ([0-9a-f]{64}))")));
  EXPECT_EQ(to_hex(zero_commitment(1)), m[1].str());
}

TEST_F(ZeroCommAndCommDVectors, TestZeroPadding) {
  std::smatch m;
  const std::regex data_re(R"re(data = ASCII "([^"]*)" \((\d+) bytes\) followed by (\d+) zero bytes \((\d+) bytes total)re");
  ASSERT_TRUE(std::regex_search(comments_, m, data_re)) << "TestZeroPadding data lines not found";
  const std::string text = m[1];
  ASSERT_EQ(text.size(), std::stoul(m[2]));
  std::vector<std::uint8_t> data(text.begin(), text.end());
  data.resize(data.size() + std::stoul(m[3]), 0);
  ASSERT_EQ(data.size(), std::stoul(m[4]));

  std::smatch cid;
  ASSERT_TRUE(std::regex_search(comments_, cid, std::regex(R"(expected piece CID = (baga[a-z2-7]+))")));
  CommPHasher hasher;
  hasher.write(data.data(), data.size());
  const PieceCommitment piece = hasher.finish();
  EXPECT_EQ(piece.padded_size, 128u);
  EXPECT_EQ(comm_d_cid(piece.comm), cid[1].str());

  // ZeroPadPieceCommitment(pcid, 127, 508) == CommP of the text zero-padded to 508 bytes.
  std::smatch zp;
  ASSERT_TRUE(std::regex_search(comments_, zp, std::regex(R"(ZeroPadPieceCommitment\(pcid, (\d+), (\d+)\))")));
  const std::uint64_t from = std::stoull(zp[1]), to = std::stoull(zp[2]);
  EXPECT_EQ(from, data.size());
  std::vector<std::uint8_t> longer(text.begin(), text.end());
  longer.resize(to, 0);
  hasher.write(longer.data(), longer.size());
  const PieceCommitment big = hasher.finish();
  EXPECT_EQ(big.padded_size, to / 127 * 128);
  // Growing a piece with zeros is CommD-style aggregation of the small piece into a bigger zero tree,
  // and the same as hashing the short text into the bigger piece directly.
  EXPECT_EQ(compute_comm_d(big.padded_size, {{piece.padded_size, piece.comm}}), big.comm);
  hasher.write(data.data(), text.size());
  EXPECT_EQ(hasher.finish(big.padded_size).comm, big.comm);
}

TEST_F(ZeroCommAndCommDVectors, TestGenerateUnsealedCID) {
  std::vector<PieceInfo> pieces;
  std::size_t real_pieces = 0;
  std::string expected;
  std::uint64_t sector = 0;
  for (const auto& l : data_) {
    std::smatch m;
    if (std::regex_search(l, m, kPieceRow)) {
      const ParsedCommCid p = parse_comm_cid(m[2].str());
      EXPECT_EQ(p.kind, ParsedCommCid::Kind::Unsealed) << l;
      EXPECT_EQ(comm_d_cid(p.comm), m[2].str()) << l;  // re-encoding gives the same text
      pieces.push_back({std::stoull(m[1]), p.comm});
      real_pieces = pieces.size();
    } else if (std::regex_search(l, m, kZeroPieceRow)) {
      const std::uint64_t padded = std::stoull(m[1]);
      EXPECT_EQ(padded, std::uint64_t{128} << std::stoull(m[2])) << l;
      pieces.push_back({padded, zero_piece_commitment(padded)});
    } else if (std::regex_search(l, m, kExpectedCommD)) {
      expected = m[1];
      sector = std::stoull(m[2]);
    }
  }
  ASSERT_EQ(pieces.size(), 12u);
  ASSERT_EQ(real_pieces, 10u);
  ASSERT_EQ(sector, 32ull << 30);
  EXPECT_EQ(comm_d_cid(compute_comm_d(sector, pieces)), expected);
  // Without the two trailing zero pieces compute_comm_d fills the sector itself (GenerateUnsealedCID).
  pieces.resize(real_pieces);
  EXPECT_EQ(comm_d_cid(compute_comm_d(sector, pieces)), expected);
  EXPECT_EQ(parse_comm_cid(expected).kind, ParsedCommCid::Kind::Unsealed);
}

}  // namespace
}  // namespace sa::kernels
