// Memory-mapped sector files: PC1 reads the unsealed sector and writes tree_d through mappings so a 32 GiB
// sector lives in the page cache, not in the job's heap.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>

namespace sa::staging {

class MappedFile {
 public:
  // Read-only mapping of an existing file (length 0 is allowed and maps nothing).
  static MappedFile read_only(const std::filesystem::path& path);
  // Read-write mapping of `path`, created or extended to `size` bytes.
  static MappedFile read_write(const std::filesystem::path& path, std::uint64_t size);
  ~MappedFile();
  MappedFile(MappedFile&&) noexcept;
  MappedFile& operator=(MappedFile&&) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::uint8_t* data() { return data_; }
  const std::uint8_t* data() const { return data_; }
  std::uint64_t size() const { return size_; }
  // msync + fsync: the bytes are on disk when this returns.
  void sync();

 private:
  MappedFile() = default;
  std::uint8_t* data_ = nullptr;
  std::uint64_t size_ = 0;
  int fd_ = -1;
  std::filesystem::path path_;
};

}  // namespace sa::staging
