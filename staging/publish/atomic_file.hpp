// Atomic publication of files on a shared filesystem: write to a temporary name in the same folder, fsync,
// rename over the final name, fsync the folder. A reader sees the old file or the whole new one, never a
// torn one, even if the writer is killed (this is how job results and staged outputs are published).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

namespace sa::staging {

// Writes `content` to `path` atomically. Throws sa::Error(Io, retryable) on failure.
void write_file_atomic(const std::filesystem::path& path, std::string_view content, unsigned mode = 0644);

// A file being written under a temporary name; publish() makes it appear under its final name.
// If it is destroyed unpublished the temporary file is removed.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path final_path, unsigned mode = 0644);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  int fd() const { return fd_; }
  const std::filesystem::path& temp_path() const { return temp_; }
  // pwrite the whole buffer at `offset` (retries short writes).
  void write_at(std::uint64_t offset, const void* data, std::size_t n);
  void append(const void* data, std::size_t n);
  void truncate(std::uint64_t size);
  void publish();

 private:
  std::filesystem::path final_;
  std::filesystem::path temp_;
  int fd_ = -1;
  std::uint64_t end_ = 0;
  bool published_ = false;
};

void fsync_dir(const std::filesystem::path& dir);

}  // namespace sa::staging
