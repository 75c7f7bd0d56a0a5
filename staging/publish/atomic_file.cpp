// Temp file + fsync + rename + fsync(dir).
#include "publish/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <string>

#include "base/error.hpp"

namespace sa::staging {

namespace {
Error io_error(const std::string& what, const std::filesystem::path& p, int err) {
  return Error(ErrorKind::Io, what + " " + p.string() + ": " + std::strerror(err), Retry::Retryable);
}

std::filesystem::path temp_name(const std::filesystem::path& final_path) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  char suffix[24];
  std::snprintf(suffix, sizeof suffix, ".%016llx", static_cast<unsigned long long>(rng()));
  return final_path.parent_path() / ("." + final_path.filename().string() + suffix + ".tmp");
}
}  // namespace

void fsync_dir(const std::filesystem::path& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw io_error("open directory", dir, errno);
  if (::fsync(fd) != 0 && errno != EINVAL) {  // some filesystems do not sync directories
    int e = errno;
    ::close(fd);
    throw io_error("fsync directory", dir, e);
  }
  ::close(fd);
}

AtomicFile::AtomicFile(std::filesystem::path final_path, unsigned mode)
    : final_(std::move(final_path)), temp_(temp_name(final_)) {
  fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd_ < 0) throw io_error("create", temp_, errno);
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!published_) ::unlink(temp_.c_str());
}

void AtomicFile::write_at(std::uint64_t offset, const void* data, std::size_t n) {
  const auto* p = static_cast<const char*>(data);
  while (n > 0) {
    ssize_t w = ::pwrite(fd_, p, n, static_cast<off_t>(offset));
    if (w < 0) {
      if (errno == EINTR) continue;
      throw io_error("write", temp_, errno);
    }
    p += w;
    n -= static_cast<std::size_t>(w);
    offset += static_cast<std::uint64_t>(w);
  }
  if (offset > end_) end_ = offset;
}

void AtomicFile::append(const void* data, std::size_t n) { write_at(end_, data, n); }

void AtomicFile::truncate(std::uint64_t size) {
  if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) throw io_error("truncate", temp_, errno);
  end_ = size;
}

void AtomicFile::publish() {
  if (::fsync(fd_) != 0) throw io_error("fsync", temp_, errno);
  ::close(fd_);
  fd_ = -1;
  if (::rename(temp_.c_str(), final_.c_str()) != 0) throw io_error("rename to " + final_.string() + " from", temp_, errno);
  published_ = true;
  fsync_dir(final_.parent_path());
}

void write_file_atomic(const std::filesystem::path& path, std::string_view content, unsigned mode) {
  AtomicFile f(path, mode);
  f.append(content.data(), content.size());
  f.publish();
}

}  // namespace sa::staging
