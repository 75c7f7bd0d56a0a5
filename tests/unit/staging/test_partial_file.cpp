// RLE+ against go-bitfield's reference bytes, and the unsealed partial file's trailer as Lotus reads it.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <fstream>

#include "base/error.hpp"
#include "layout/partial_file.hpp"
#include "layout/rle_plus.hpp"
#include "support/file_text.hpp"
#include "support/temp_dir.hpp"

namespace sa::staging {
namespace {

std::string bytes(std::initializer_list<int> v) {
  std::string s;
  for (int b : v) s.push_back(static_cast<char>(b));
  return s;
}

using Runs = std::vector<sa::staging::Run>;

// go-bitfield rle/rleplus_test.go TestDecode: the set {0, 2, 4, 5, 6, 11..27} is [124, 71, 34, 2] (the Rust
// reference's [223, 145, 136, 0] with the 2-bit version prepended).
const Runs kReferenceRuns = {{true, 1}, {false, 1}, {true, 1}, {false, 1}, {true, 3}, {false, 4}, {true, 17}};

TEST(RlePlus, EncodesAndDecodesGoBitfieldsReferenceBytes) {
  EXPECT_EQ(rle_plus_encode(kReferenceRuns), bytes({124, 71, 34, 2}));
  EXPECT_EQ(rle_plus_decode(bytes({124, 71, 34, 2})), kReferenceRuns);
}

TEST(RlePlus, EmptyIsZeroBytesAndLongRunsAreVarints) {
  EXPECT_EQ(rle_plus_encode({}), "");
  EXPECT_TRUE(rle_plus_decode("").empty());
  // A 2KiB sector fully allocated: version 00, first value 1, "00" + uvarint(2048) = 0x80 0x10, LSB first.
  EXPECT_EQ(rle_plus_encode({{true, 2048}}), bytes({0x04, 0x10, 0x02}));
  EXPECT_EQ(rle_plus_decode(bytes({0x04, 0x10, 0x02})), (Runs{{true, 2048}}));
}

TEST(RlePlus, RoundTripsEveryShortCodeAndLongRuns) {
  // As go-bitfield's TestAll8bit: runs of one, of 2..15 and varint lengths in every bit position.
  Runs runs;
  for (std::uint64_t k = 1; k < 64; ++k) {
    for (int i = 1; i < 7; ++i) {
      for (int j = 0; j < i; ++j) runs.push_back({false, 1});
      runs.push_back({false, k});
    }
  }
  for (std::uint64_t len : {16ull, 127ull, 128ull, 1ull << 35, (1ull << 63) - 1}) runs.push_back({false, len});
  for (std::size_t i = 0; i < runs.size(); ++i) runs[i].set = i % 2 == 0;
  EXPECT_EQ(rle_plus_decode(rle_plus_encode(runs)), runs);
}

TEST(RlePlus, RefusesBadInput) {
  EXPECT_THROW(rle_plus_encode({{true, 5}, {true, 8}}), Error);  // go-bitfield's ErrSameValRuns
  EXPECT_THROW(rle_plus_encode({{true, 0}}), Error);
  EXPECT_THROW(rle_plus_decode(bytes({0x04, 0x10, 0x02, 0x00})), Error);  // trailing zero byte: not minimal
  EXPECT_THROW(rle_plus_decode(bytes({0x01})), Error);                   // version 1
  // "00" then a varint byte 0x80 followed by 0x00: a non-minimal continuation.
  EXPECT_THROW(rle_plus_decode(bytes({0x04, 0x10, 0x00, 0x01})), Error);
}

TEST(PartialFile, RangesMergeAndCover) {
  auto r = with_range({{0, 128}}, {256, 128});
  EXPECT_EQ(r, (std::vector<ByteRange>{{0, 128}, {256, 128}}));
  r = with_range(r, {128, 128});
  EXPECT_EQ(r, (std::vector<ByteRange>{{0, 384}}));
  EXPECT_TRUE(covers(r, {100, 200}));
  EXPECT_FALSE(covers(r, {300, 100}));
  EXPECT_EQ(runs_from_ranges({{512, 1536}}), (Runs{{false, 512}, {true, 1536}}));
}

TEST(PartialFile, TrailerIsWrittenAndReadAsLotusLaysItOut) {
  test::TempDir dir;
  const auto path = dir / "s-t01000-1";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::ftruncate(fd, 2048), 0);
  write_partial_file_trailer(fd, path, 2048, {{0, 2048}});
  std::string text = test::file_text(path);
  ASSERT_EQ(text.size(), 2048u + 3 + 4);
  EXPECT_EQ(text.substr(2048), bytes({0x04, 0x10, 0x02, 3, 0, 0, 0}));
  EXPECT_EQ(read_partial_file_allocated(path, 2048), (std::vector<ByteRange>{{0, 2048}}));

  // A shorter trailer cuts the file after it; an empty bitfield is a zero length.
  write_partial_file_trailer(fd, path, 2048, {});
  ::close(fd);
  EXPECT_EQ(std::filesystem::file_size(path), 2048u + 4);
  EXPECT_TRUE(read_partial_file_allocated(path, 2048).empty());
}

TEST(PartialFile, InconsistentFilesAreCorrupt) {
  test::TempDir dir;
  const auto path = dir / "u";
  { std::ofstream(path, std::ios::binary) << std::string(2048, '\0'); }  // no trailer at all
  EXPECT_THROW(read_partial_file_allocated(path, 2048), Error);
  { std::ofstream(path, std::ios::binary) << std::string(2048, '\0') << bytes({0x04, 0x10, 0x02, 9, 0, 0, 0}); }
  EXPECT_THROW(read_partial_file_allocated(path, 2048), Error);  // the length says 9
  // Allocated past the sector: 4096 bytes set in a 2048-byte sector ("00" + uvarint 4096 = 0x80 0x20).
  { std::ofstream(path, std::ios::binary) << std::string(2048, '\0') << bytes({0x04, 0x10, 0x04, 3, 0, 0, 0}); }
  EXPECT_THROW(read_partial_file_allocated(path, 2048), Error);
}

}  // namespace
}  // namespace sa::staging
