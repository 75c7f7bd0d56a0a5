// XXH3-128 via libxxhash (the only file that includes it).
#include "publish/checksum.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "base/error.hpp"

namespace sa::staging {

struct Checksum::State {
  XXH3_state_t* s = XXH3_createState();
  ~State() { XXH3_freeState(s); }
};

Checksum::Checksum() : state_(std::make_unique<State>()) {
  if (!state_->s) throw Error(ErrorKind::Internal, "XXH3_createState failed");
  XXH3_128bits_reset(state_->s);
}
Checksum::~Checksum() = default;
Checksum::Checksum(Checksum&&) noexcept = default;
Checksum& Checksum::operator=(Checksum&&) noexcept = default;

void Checksum::update(const void* data, std::size_t n) { XXH3_128bits_update(state_->s, data, n); }

std::string Checksum::hex() const {
  XXH128_hash_t h = XXH3_128bits_digest(state_->s);
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

std::string checksum_bytes(const void* data, std::size_t n) {
  Checksum c;
  c.update(data, n);
  return c.hex();
}

std::string checksum_file(const std::filesystem::path& file) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(ErrorKind::Io, "open " + file.string() + ": " + std::strerror(errno), Retry::Retryable);
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  std::vector<char> buf(8u << 20);
  Checksum c;
  for (;;) {
    ssize_t r = ::read(fd, buf.data(), buf.size());
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      int e = errno;
      ::close(fd);
      throw Error(ErrorKind::Io, "read " + file.string() + ": " + std::strerror(e), Retry::Retryable);
    }
    if (r == 0) break;
    c.update(buf.data(), static_cast<std::size_t>(r));
  }
  ::close(fd);
  return c.hex();
}

}  // namespace sa::staging
