// ustar headers and reading an archive range.
#include "lotus/tar_stream.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "base/error.hpp"

namespace sa::adapter::lotus {

namespace {

constexpr std::uint64_t kBlock = 512;

std::uint64_t padded(std::uint64_t n) { return (n + kBlock - 1) / kBlock * kBlock; }

void octal(char* field, std::size_t width, std::uint64_t value) {
  const std::size_t digits = width - 1;
  if (digits * 3 < 64 && value >> (digits * 3)) {
    // Too big for the octal digits (a file of 8 GiB or more, e.g. a 32 GiB layer): GNU base-256, which
    // Go's archive/tar reads: a leading 0x80, then the value big-endian in the remaining bytes.
    std::memset(field, 0, width);
    field[0] = static_cast<char>(0x80);
    for (std::size_t i = 0; i < 8 && i < width - 1; ++i) field[width - 1 - i] = static_cast<char>((value >> (8 * i)) & 0xff);
    return;
  }
  // width - 1 digits and a NUL, as ustar writers do.
  for (std::size_t i = 0; i < digits; ++i) field[digits - 1 - i] = static_cast<char>('0' + ((value >> (3 * i)) & 7));
  field[digits] = '\0';
}

std::string header(const std::string& name, std::uint64_t size, std::int64_t mtime) {
  if (name.size() > 100) throw Error(ErrorKind::Io, "tar: file name longer than 100 bytes: " + name);
  std::string h(kBlock, '\0');
  std::memcpy(&h[0], name.data(), name.size());
  octal(&h[100], 8, 0644);   // mode
  octal(&h[108], 8, 0);      // uid
  octal(&h[116], 8, 0);      // gid
  octal(&h[124], 12, size);
  octal(&h[136], 12, static_cast<std::uint64_t>(std::max<std::int64_t>(0, mtime)));
  std::memset(&h[148], ' ', 8);  // the checksum is computed with its own field as spaces
  h[156] = '0';                  // regular file
  std::memcpy(&h[257], "ustar", 6);
  std::memcpy(&h[263], "00", 2);
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  octal(&h[148], 7, sum);
  h[155] = ' ';
  return h;
}

}  // namespace

TarStream::TarStream(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    Entry e;
    e.path = f;
    e.size = std::filesystem::file_size(f);
    auto mtime = std::chrono::duration_cast<std::chrono::seconds>(std::filesystem::last_write_time(f).time_since_epoch());
    e.header = header(f.filename().string(), e.size, mtime.count());
    e.start = size_;
    size_ += kBlock + padded(e.size);
    entries_.push_back(std::move(e));
  }
  size_ += 2 * kBlock;  // two zero blocks end the archive
}

void TarStream::read(std::uint64_t offset, std::uint64_t length, std::string& out) const {
  if (offset > size_) offset = size_;
  length = std::min(length, size_ - offset);
  out.assign(length, '\0');
  const std::uint64_t end = offset + length;
  for (const Entry& e : entries_) {
    const std::uint64_t data = e.start + kBlock, entry_end = data + padded(e.size);
    if (entry_end <= offset || e.start >= end) continue;
    // The header part that overlaps.
    for (std::uint64_t at = std::max(offset, e.start); at < std::min(end, data); ++at) out[at - offset] = e.header[at - e.start];
    // The file bytes that overlap (padding stays zero).
    const std::uint64_t from = std::max(offset, data), to = std::min(end, data + e.size);
    if (from >= to) continue;
    std::ifstream in(e.path, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(from - data));
    in.read(&out[from - offset], static_cast<std::streamsize>(to - from));
    if (!in) throw Error(ErrorKind::Io, "tar: cannot read " + e.path.string() + " (changed while being sent?)", Retry::Retryable);
  }
}

}  // namespace sa::adapter::lotus
