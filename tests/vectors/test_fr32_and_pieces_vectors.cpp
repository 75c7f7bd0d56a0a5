// rust-fil-proofs__fr32-and-pieces.txt: the Fr32Reader cases (through Fr32Padder, whole and byte by byte),
// the empty-sector CommDs, the get_piece_alignment table, get_piece_start_byte and the filecoin-ffi
// alignment workflow. Every data line must be understood; comment lines carrying checks are parsed too.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "field/fr32.hpp"
#include "field/fr32_padder.hpp"
#include "piece/comm_d.hpp"
#include "vector_files.hpp"

namespace sa::kernels {
namespace {

using namespace sa::vectors;

constexpr char kFile[] = "rust-fil-proofs__fr32-and-pieces.txt";

class Fr32AndPiecesVectors : public ::testing::Test {
 protected:
  void SetUp() override {
    SA_LOAD_VECTOR_FILE(text, kFile);
    lines_ = split_lines(text);
    comments_ = joined_comments(lines_);
  }

  std::vector<std::string> data_lines() const {
    std::vector<std::string> out;
    for (const auto& l : lines_) {
      if (!is_comment_or_blank(l)) out.push_back(l);
    }
    return out;
  }

  std::vector<std::string> lines_;
  std::string comments_;
};

// Fr32Reader output of `raw`, fed through the streaming padder in one piece and one byte at a time.
std::vector<std::uint8_t> pad_stream(const std::vector<std::uint8_t>& raw) {
  Fr32Padder whole, bytewise;
  std::vector<std::uint8_t> a, b;
  whole.write(raw.data(), raw.size(), a);
  whole.finish(a);
  for (std::uint8_t byte : raw) bytewise.write(&byte, 1, b);
  bytewise.finish(b);
  EXPECT_EQ(a, b) << "chunking changed the padded output";
  return a;
}

const std::regex kFr32Input(
    R"(^fr32 (\w+)\s*: input (\d+) (?:bytes of|x) 0x([0-9a-f]{2}) -> (?:output )?(\d+) bytes)");
const std::regex kFr32Derived(R"(^fr32 (\w+) output \(derived\) = ([0-9a-f]+)$)");
const std::regex kFr32ExoticInput(R"(^fr32 test_exotic input\s*= ([0-9a-f]+)$)");
const std::regex kFr32ExoticAsserts(R"(^fr32 test_exotic asserts: (.*)$)");
const std::regex kEmptyCommD(R"(^compute_comm_d\(SectorSize\((\d+)\),\s*\[\]\) = ([0-9a-f]{64})$)");
const std::regex kAlignmentRow(R"(^(\d+) \| (\d+) \| (\d+) \| (\d+)$)");
const std::regex kOutByte(R"(out\[(\d+)\]=(0x[0-9a-f]+|\d+)(?![.\d]))");

TEST_F(Fr32AndPiecesVectors, EveryDataLineIsUnderstood) {
  const std::vector<const std::regex*> known = {&kFr32Input,        &kFr32Derived, &kFr32ExoticInput,
                                                &kFr32ExoticAsserts, &kEmptyCommD,  &kAlignmentRow};
  const auto lines = data_lines();
  EXPECT_GE(lines.size(), 20u);
  for (const auto& l : lines) {
    bool ok = false;
    for (const auto* re : known) ok = ok || std::regex_search(l, *re);
    EXPECT_TRUE(ok) << "vector line not covered by any check: " << l;
  }
}

// "input N bytes of 0xBB -> output M bytes" plus out[i]=v asserts, and the "(derived)" full outputs.
TEST_F(Fr32AndPiecesVectors, Fr32ReaderCases) {
  std::map<std::string, std::vector<std::uint8_t>> outputs;
  int cases = 0, derived = 0;
  for (const auto& l : data_lines()) {
    std::smatch m;
    if (std::regex_search(l, m, kFr32Input)) {
      const std::vector<std::uint8_t> raw(std::stoul(m[2]), static_cast<std::uint8_t>(std::stoul(m[3], nullptr, 16)));
      const auto out = pad_stream(raw);
      outputs[m[1]] = out;
      ++cases;
      ASSERT_EQ(out.size(), std::stoul(m[4])) << l;
      for (auto it = std::sregex_iterator(l.begin(), l.end(), kOutByte); it != std::sregex_iterator(); ++it) {
        EXPECT_EQ(out[std::stoul((*it)[1])], std::stoul((*it)[2], nullptr, 0)) << l << ": " << (*it)[0];
      }
      if (l.find("output[0..30] == input") != std::string::npos) {
        EXPECT_TRUE(std::equal(raw.begin(), raw.end(), out.begin())) << l;
      }
      if (l.find("out[0..31]=ff") != std::string::npos) {
        for (std::size_t i = 0; i < 31; ++i) EXPECT_EQ(out[i], 0xff) << l << " byte " << i;
      }
      if (l.find("rest 0") != std::string::npos) {  // everything after the last byte the line names
        std::size_t from = raw.size();
        for (auto it = std::sregex_iterator(l.begin(), l.end(), kOutByte); it != std::sregex_iterator(); ++it) {
          from = std::max<std::size_t>(from, std::stoul((*it)[1]) + 1);
        }
        for (std::size_t i = from; i < out.size(); ++i) EXPECT_EQ(out[i], 0) << l << " byte " << i;
      }
    }
  }
  for (const auto& l : data_lines()) {
    std::smatch m;
    if (std::regex_search(l, m, kFr32Derived) && m[1] != "test_exotic") {
      ASSERT_TRUE(outputs.count(m[1])) << "derived output for a case without an input line: " << l;
      EXPECT_EQ(hex_of(outputs[m[1]].data(), outputs[m[1]].size()), m[2].str()) << l;
      ++derived;
    }
  }
  EXPECT_EQ(cases, 3);
  EXPECT_EQ(derived, 2);
}

TEST_F(Fr32AndPiecesVectors, Fr32ExoticCase) {
  std::vector<std::uint8_t> input, out;
  std::string asserts, derived;
  for (const auto& l : data_lines()) {
    std::smatch m;
    if (std::regex_search(l, m, kFr32ExoticInput)) input = bytes_from_hex(m[1].str());
    if (std::regex_search(l, m, kFr32ExoticAsserts)) asserts = m[1];
    if (std::regex_search(l, m, kFr32Derived) && m[1] == "test_exotic") derived = m[2];
  }
  ASSERT_EQ(input.size(), 68u);
  out = pad_stream(input);
  ASSERT_EQ(out.size(), 96u);
  EXPECT_EQ(hex_of(out.data(), out.size()), derived);
  // The upstream asserts, one by one: out[i]=v items, then the two ranges written as formulas.
  int items = 0;
  for (auto it = std::sregex_iterator(asserts.begin(), asserts.end(), kOutByte); it != std::sregex_iterator();
       ++it, ++items) {
    EXPECT_EQ(out[std::stoul((*it)[1])], std::stoul((*it)[2], nullptr, 0)) << (*it)[0];
  }
  EXPECT_EQ(items, 8);
  ASSERT_NE(asserts.find("out[0..31]=01..1f"), std::string::npos);
  for (std::size_t i = 0; i < 31; ++i) EXPECT_EQ(out[i], i + 1) << i;
  ASSERT_NE(asserts.find("out[33+i]=(i+2)<<2 for i in 0..30"), std::string::npos);
  for (std::size_t i = 0; i < 30; ++i) EXPECT_EQ(out[33 + i], ((i + 2) << 2) & 0xff) << i;  // Rust 0..30
}

TEST_F(Fr32AndPiecesVectors, EmptySectorCommD) {
  int n = 0;
  for (const auto& l : data_lines()) {
    std::smatch m;
    if (!std::regex_search(l, m, kEmptyCommD)) continue;
    ++n;
    EXPECT_EQ(to_hex(compute_comm_d(std::stoull(m[1]), {})), m[2].str()) << l;
  }
  EXPECT_EQ(n, 2);
}

TEST_F(Fr32AndPiecesVectors, PieceAlignmentTable) {
  int n = 0;
  for (const auto& l : data_lines()) {
    std::smatch m;
    if (!std::regex_search(l, m, kAlignmentRow)) continue;
    ++n;
    const PieceAlignment a = piece_alignment(std::stoull(m[1]), std::stoull(m[2]));
    EXPECT_EQ(a.left_bytes, std::stoull(m[3])) << l;
    EXPECT_EQ(a.right_bytes, std::stoull(m[4])) << l;
  }
  EXPECT_EQ(n, 11);
}

TEST_F(Fr32AndPiecesVectors, PieceStartByte) {
  std::smatch m;
  const std::regex re(R"(get_piece_start_byte\(pieces=\[([\d,]+)\] unpadded\): ((?:piece\d+ -> \d+(?:, )?)+))");
  ASSERT_TRUE(std::regex_search(comments_, m, re)) << "get_piece_start_byte line not found";
  std::vector<std::uint64_t> pieces;
  for (const auto& f : split_fields(m[1].str(), ',')) pieces.push_back(std::stoull(f));
  const std::string expectations = m[2];
  const std::regex item(R"(piece(\d+) -> (\d+))");
  int n = 0;
  for (auto it = std::sregex_iterator(expectations.begin(), expectations.end(), item); it != std::sregex_iterator();
       ++it, ++n) {
    const std::size_t k = std::stoul((*it)[1]);
    ASSERT_LT(k, pieces.size());
    const std::vector<std::uint64_t> before(pieces.begin(), pieces.begin() + static_cast<long>(k));
    EXPECT_EQ(piece_start_byte(before, pieces[k]), std::stoull((*it)[2])) << (*it)[0];
  }
  EXPECT_EQ(n, 3);
}

TEST_F(Fr32AndPiecesVectors, FfiWorkflowAlignment) {
  std::smatch m;
  const std::regex re(
      R"(writing a (\d+)-byte piece then a (\d+)-byte piece with alignment \(existing pieces \[(\d+)\]\) )"
      R"(returns left alignment (\d+) and bytes written (\d+).*?)"
      R"(the 2KiB sector then holds (\d+) data \+ (\d+) zero \+ (\d+) data = (\d+) unpadded bytes)");
  ASSERT_TRUE(std::regex_search(comments_, m, re)) << "filecoin-ffi workflow lines not found";
  const std::uint64_t first = std::stoull(m[1]), second = std::stoull(m[2]);
  EXPECT_EQ(std::stoull(m[3]), first);
  const PieceAlignment a = piece_alignment(first, second);
  EXPECT_EQ(a.left_bytes, std::stoull(m[4]));
  EXPECT_EQ(a.left_bytes + second, std::stoull(m[5]));
  EXPECT_EQ(piece_start_byte({first}, second), first + a.left_bytes);
  EXPECT_EQ(std::stoull(m[6]) + std::stoull(m[7]) + std::stoull(m[8]), std::stoull(m[9]));
  EXPECT_EQ(first + a.left_bytes + second, std::stoull(m[9]));
  EXPECT_EQ(to_unpadded_bytes(2048), std::stoull(m[9]));  // the sector is exactly full
}

}  // namespace
}  // namespace sa::kernels
