// go-fil-commcid__piece-cids.txt: for every row the payload's CommP (hex), its v1 CID and its piece CID v2,
// both encoded and parsed back; the two empty-sector CommDs; the v1 tree heights of 32/64GiB.
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

constexpr char kFile[] = "go-fil-commcid__piece-cids.txt";

const std::regex kRow(R"(^(.+?) \| (\d+) \| (baga[a-z2-7]+) \| ([0-9a-f]{64}) \| (bafkzcib[a-z2-7]+)$)");

class PieceCidVectors : public ::testing::Test {
 protected:
  void SetUp() override {
    SA_LOAD_VECTOR_FILE(text, kFile);
    lines_ = split_lines(text);
    comments_ = joined_comments(lines_);
    for (const auto& l : lines_) {
      if (!is_comment_or_blank(l)) data_.push_back(l);
    }
  }

  // The payload a row name stands for: the base data described in the comments, then "-ThenN-0s" or
  // "-ThenA*B-0s" zero bytes. Empty for names that are not data ("emptyNNGiB").
  std::vector<std::uint8_t> payload_for(const std::string& name) const {
    std::smatch base;
    const std::regex spec(R"re(data "([^"]+)" = ((?:\d+ x 0x[0-9a-f]{2}(?: \|\| )?)+) \((\d+) bytes\))re");
    EXPECT_TRUE(std::regex_search(comments_, base, spec)) << "data description not found";
    if (name.rfind(base[1].str(), 0) != 0) return {};
    std::vector<std::uint8_t> data;
    const std::string parts = base[2];
    const std::regex part(R"((\d+) x 0x([0-9a-f]{2}))");
    for (auto it = std::sregex_iterator(parts.begin(), parts.end(), part); it != std::sregex_iterator(); ++it) {
      data.insert(data.end(), std::stoul((*it)[1]), static_cast<std::uint8_t>(std::stoul((*it)[2], nullptr, 16)));
    }
    EXPECT_EQ(data.size(), std::stoul(base[3]));
    const std::string rest = name.substr(base[1].length());
    std::smatch then;
    if (rest.empty()) return data;
    EXPECT_TRUE(std::regex_match(rest, then, std::regex(R"(-Then(\d+)(?:\*(\d+))?-0s)"))) << name;
    const std::size_t zeros = std::stoul(then[1]) * (then[2].matched ? std::stoul(then[2]) : 1);
    data.resize(data.size() + zeros, 0);
    return data;
  }

  std::vector<std::string> lines_, data_;
  std::string comments_;
};

TEST_F(PieceCidVectors, EveryDataLineIsUnderstood) {
  EXPECT_EQ(data_.size(), 6u);
  for (const auto& l : data_) EXPECT_TRUE(std::regex_search(l, kRow)) << "vector line not covered: " << l;
}

TEST_F(PieceCidVectors, EveryRow) {
  int data_rows = 0, empty_rows = 0;
  for (const auto& l : data_) {
    std::smatch m;
    if (!std::regex_search(l, m, kRow)) continue;
    const std::string name = m[1];
    const std::uint64_t payload = std::stoull(m[2]);
    const std::string v1 = m[3], hex = m[4], v2 = m[5];
    PieceCommitment pc;
    std::smatch empty;
    if (std::regex_search(name, empty, std::regex(R"(^empty(\d+)GiB)"))) {
      const std::uint64_t sector = std::stoull(empty[1]) << 30;
      pc = {compute_comm_d(sector, {}), sector, payload};
      EXPECT_EQ(payload, sector / 128 * 127) << l;  // the whole sector's unpadded capacity
      EXPECT_EQ(pc.comm, zero_piece_commitment(sector));
      ++empty_rows;
    } else {
      const auto data = payload_for(name);
      ASSERT_EQ(data.size(), payload) << l;
      CommPHasher hasher;
      hasher.write(data.data(), data.size());
      pc = hasher.finish();
      ++data_rows;
    }
    EXPECT_EQ(to_hex(pc.comm), hex) << l;
    EXPECT_EQ(comm_d_cid(pc.comm), v1) << l;
    EXPECT_EQ(piece_cid_v2(pc.comm, payload, pc.padded_size), v2) << l;

    const ParsedCommCid p1 = parse_comm_cid(v1);
    EXPECT_EQ(p1.kind, ParsedCommCid::Kind::Unsealed);
    EXPECT_EQ(to_hex(p1.comm), hex);
    const ParsedCommCid p2 = parse_comm_cid(v2);
    EXPECT_EQ(p2.kind, ParsedCommCid::Kind::PieceV2);
    EXPECT_EQ(to_hex(p2.comm), hex);
    EXPECT_EQ(p2.payload_size, payload) << l;
    EXPECT_EQ(p2.padded_size, pc.padded_size) << l;
  }
  EXPECT_EQ(data_rows, 4);
  EXPECT_EQ(empty_rows, 2);
}

TEST_F(PieceCidVectors, V1TreeHeights) {
  std::smatch m;
  ASSERT_TRUE(std::regex_search(comments_, m, std::regex(R"(fr32PaddedSizeToV1TreeHeight test table includes (.*)\.)")));
  const std::string table = m[1];
  const std::regex item(R"((\d+)GiB -> (\d+))");
  int n = 0;
  for (auto it = std::sregex_iterator(table.begin(), table.end(), item); it != std::sregex_iterator(); ++it, ++n) {
    EXPECT_EQ(tree_level(std::stoull((*it)[1]) << 30), std::stoul((*it)[2])) << (*it)[0];
  }
  EXPECT_EQ(n, 2);
}

}  // namespace
}  // namespace sa::kernels
