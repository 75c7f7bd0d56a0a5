// The cache folder as a tar stream: ustar headers a tar reader accepts (checksum, octal sizes), the files'
// bytes, any range equal to the same slice of the whole, and base-256 sizes for files of 8 GiB or more.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "lotus/tar_stream.hpp"
#include "support/temp_dir.hpp"

namespace sa::adapter::lotus {
namespace {

unsigned checksum_of(std::string header) {
  std::fill(header.begin() + 148, header.begin() + 156, ' ');
  unsigned sum = 0;
  for (unsigned char c : header) sum += c;
  return sum;
}

TEST(TarStream, FilesInNameOrderWithValidHeadersAndAnyRange) {
  test::TempDir dir;
  std::ofstream(dir / "p_aux", std::ios::binary) << std::string(64, 'p');
  std::ofstream(dir / "t_aux", std::ios::binary) << "t";
  std::ofstream(dir / "sc-02-data-tree-r-last.dat", std::ios::binary) << std::string(1000, 'r');
  std::filesystem::create_directories(dir / "sub");  // folders are not part of a Lotus cache: skipped
  TarStream tar(dir.path());
  EXPECT_EQ(tar.size(), 3 * 512 + 512 + 1024 + 512 + 2 * 512);
  std::string all;
  tar.read(0, tar.size(), all);
  ASSERT_EQ(all.size(), tar.size());
  std::vector<std::pair<std::string, std::string>> files;
  for (std::size_t at = 0; all[at] != '\0';) {
    std::string h = all.substr(at, 512);
    EXPECT_EQ(h.substr(257, 6), std::string("ustar\0", 6));
    EXPECT_EQ(std::stoul(h.substr(148, 7), nullptr, 8), checksum_of(h)) << h.c_str();
    std::size_t size = std::stoull(h.substr(124, 12), nullptr, 8);
    files.emplace_back(h.c_str(), all.substr(at + 512, size));
    at += 512 + (size + 511) / 512 * 512;
  }
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].first, "p_aux");
  EXPECT_EQ(files[1].first, "sc-02-data-tree-r-last.dat");
  EXPECT_EQ(files[1].second, std::string(1000, 'r'));
  EXPECT_EQ(files[2].second, "t");
  EXPECT_EQ(all.substr(all.size() - 1024), std::string(1024, '\0'));
  for (std::uint64_t off : {0ull, 100ull, 511ull, 512ull, 1000ull, 1600ull, 3000ull}) {
    std::string part;
    tar.read(off, 700, part);
    EXPECT_EQ(part, all.substr(off, 700)) << off;
  }
}

TEST(TarStream, AFileOf8GiBOrMoreGetsABase256Size) {
  test::TempDir dir;
  const std::uint64_t big = 9ull << 30;  // sparse: no disk space used
  {
    std::ofstream(dir / "sc-02-data-layer-1.dat");
  }
  ASSERT_EQ(::truncate((dir / "sc-02-data-layer-1.dat").c_str(), static_cast<off_t>(big)), 0);
  TarStream tar(dir.path());
  EXPECT_EQ(tar.size(), 512 + big + 1024);
  std::string h;
  tar.read(0, 512, h);
  EXPECT_EQ(static_cast<unsigned char>(h[124]), 0x80u);
  std::uint64_t size = 0;
  for (int i = 128; i < 136; ++i) size = size << 8 | static_cast<unsigned char>(h[i]);
  EXPECT_EQ(size, big);
  EXPECT_EQ(std::stoul(h.substr(148, 7), nullptr, 8), checksum_of(h));
}

}  // namespace
}  // namespace sa::adapter::lotus
