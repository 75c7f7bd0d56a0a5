// A directory's regular files as a POSIX ustar archive, read by offset: Lotus fetches a sector's cache
// directory from /remote as application/x-tar. The archive is never built in memory or on disk; any byte
// range of it can be produced (HTTP Range requests), headers computed, file bytes read from the files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace sa::adapter::lotus {

class TarStream {
 public:
  // The regular files directly in `dir` (Lotus cache folders are flat), sorted by name.
  explicit TarStream(const std::filesystem::path& dir);

  std::uint64_t size() const { return size_; }
  // Copies archive bytes [offset, offset + length) into `out` (resized); throws sa::Error(Io) when a file
  // changed size or cannot be read.
  void read(std::uint64_t offset, std::uint64_t length, std::string& out) const;

 private:
  struct Entry {
    std::filesystem::path path;
    std::string header;      // 512 bytes
    std::uint64_t size = 0;  // file bytes
    std::uint64_t start = 0; // offset of the header in the archive
  };
  std::vector<Entry> entries_;
  std::uint64_t size_ = 0;
};

}  // namespace sa::adapter::lotus
