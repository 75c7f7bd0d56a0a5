// mmap/msync wrappers.
#include "publish/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "base/error.hpp"

namespace sa::staging {

namespace {
Error io(const std::string& what, const std::filesystem::path& p) {
  return Error(ErrorKind::Io, what + " " + p.string() + ": " + std::strerror(errno), Retry::Retryable);
}
}  // namespace

MappedFile MappedFile::read_only(const std::filesystem::path& path) {
  MappedFile m;
  m.path_ = path;
  m.fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (m.fd_ < 0) throw io("open", path);
  off_t end = ::lseek(m.fd_, 0, SEEK_END);
  if (end < 0) throw io("seek", path);
  m.size_ = static_cast<std::uint64_t>(end);
  if (m.size_ > 0) {
    void* p = ::mmap(nullptr, m.size_, PROT_READ, MAP_SHARED, m.fd_, 0);
    if (p == MAP_FAILED) throw io("mmap", path);
    m.data_ = static_cast<std::uint8_t*>(p);
    ::madvise(p, m.size_, MADV_SEQUENTIAL);
  }
  return m;
}

MappedFile MappedFile::read_write(const std::filesystem::path& path, std::uint64_t size) {
  MappedFile m;
  m.path_ = path;
  m.fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (m.fd_ < 0) throw io("open", path);
  if (::ftruncate(m.fd_, static_cast<off_t>(size)) != 0) throw io("truncate", path);
  m.size_ = size;
  if (size > 0) {
    void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, m.fd_, 0);
    if (p == MAP_FAILED) throw io("mmap", path);
    m.data_ = static_cast<std::uint8_t*>(p);
  }
  return m;
}

MappedFile::~MappedFile() {
  if (data_) ::munmap(data_, size_);
  if (fd_ >= 0) ::close(fd_);
}

MappedFile::MappedFile(MappedFile&& o) noexcept
    : data_(std::exchange(o.data_, nullptr)), size_(std::exchange(o.size_, 0)), fd_(std::exchange(o.fd_, -1)),
      path_(std::move(o.path_)) {}

MappedFile& MappedFile::operator=(MappedFile&& o) noexcept {
  if (this != &o) {
    if (data_) ::munmap(data_, size_);
    if (fd_ >= 0) ::close(fd_);
    data_ = std::exchange(o.data_, nullptr);
    size_ = std::exchange(o.size_, 0);
    fd_ = std::exchange(o.fd_, -1);
    path_ = std::move(o.path_);
  }
  return *this;
}

void MappedFile::sync() {
  if (data_ && ::msync(data_, size_, MS_SYNC) != 0) throw io("msync", path_);
  if (fd_ >= 0 && ::fsync(fd_) != 0) throw io("fsync", path_);
}

}  // namespace sa::staging
