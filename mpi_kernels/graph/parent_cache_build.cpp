// Parent cache file plumbing (proofs.md §3.4): read-only mmap, flock-based builder lock, and the atomic
// build (temporary file in the same directory → fsync → rename → fsync of the directory), so a reader sees
// either no file or a complete one, never a partial write, whatever the number of concurrent builders.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "graph/parent_cache_detail.hpp"

namespace sa::kernels::detail {

namespace {

static_assert(std::endian::native == std::endian::little, "the parent cache file holds u32 little-endian");

constexpr std::uint64_t kChunkNodes = std::uint64_t{1} << 16;  // 3.5 MiB of records per write

Error io_error(const std::string& what, const std::filesystem::path& path) {
  return Error(ErrorKind::Io, "parent cache: " + what + " " + path.string() + ": " + std::strerror(errno),
               Retry::Retryable);
}

void write_all(int fd, const std::uint8_t* data, std::size_t n, const std::filesystem::path& path) {
  while (n > 0) {
    const ssize_t w = ::write(fd, data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      throw io_error("cannot write", path);
    }
    data += w;
    n -= static_cast<std::size_t>(w);
  }
}

void fsync_dir(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw io_error("cannot open directory", dir);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0 && errno != EINVAL) throw io_error("cannot fsync directory", dir);  // EINVAL: fs without it
}

std::filesystem::path temp_path_for(const std::filesystem::path& final_path) {
  std::random_device rd;
  return final_path.parent_path() /
         (final_path.filename().string() + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(rd()));
}

}  // namespace

Mapping map_read_only(const std::filesystem::path& path, std::size_t bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw io_error("cannot open", path);
  void* addr = ::mmap(nullptr, bytes, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);  // the mapping keeps the file
  if (addr == MAP_FAILED) throw io_error("cannot mmap", path);
  return Mapping{addr, bytes};
}

void unmap(const Mapping& m) noexcept {
  if (m.addr != nullptr) ::munmap(m.addr, m.bytes);
}

FileLock::FileLock(const std::filesystem::path& lock_path) {
  fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw io_error("cannot create lock file", lock_path);
  while (::flock(fd_, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    if (errno == ENOLCK || errno == EOPNOTSUPP || errno == EINVAL) break;  // no flock here: rename suffices
    const Error e = io_error("cannot lock", lock_path);
    ::close(fd_);
    throw e;
  }
}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the flock
}

void build_parent_cache_file(const std::filesystem::path& final_path, const ParentGenerator& gen,
                             const std::optional<Sha256Digest>& digest, int threads) {
  const std::filesystem::path tmp = temp_path_for(final_path);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw io_error("cannot create", tmp);
  bool fd_open = true;
  try {
    const std::uint64_t nodes = gen.spec().nodes;
    std::vector<std::uint32_t> chunk(static_cast<std::size_t>(kChunkNodes * kParentsPerNode));
    Sha256 hasher;
    for (std::uint64_t first = 0; first < nodes; first += kChunkNodes) {
      const std::uint64_t count = std::min(kChunkNodes, nodes - first);
      generate_parents(gen, first, count, chunk.data(), threads);
      const auto* bytes = reinterpret_cast<const std::uint8_t*>(chunk.data());
      const std::size_t n = static_cast<std::size_t>(count * kParentsPerNode * 4);
      if (digest) hasher.update(bytes, n);
      write_all(fd, bytes, n, tmp);
    }
    if (digest && hasher.finish() != *digest) {
      throw Error(ErrorKind::Internal, "parent cache: generated " + final_path.filename().string() +
                                           " does not match the published digest");
    }
    if (::fsync(fd) != 0) throw io_error("cannot fsync", tmp);
    fd_open = false;
    if (::close(fd) != 0) throw io_error("cannot close", tmp);
  } catch (...) {
    if (fd_open) ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  if (::rename(tmp.c_str(), final_path.c_str()) != 0) {
    const Error e = io_error("cannot rename into place", final_path);
    ::unlink(tmp.c_str());
    throw e;
  }
  fsync_dir(final_path.has_parent_path() ? final_path.parent_path() : std::filesystem::path("."));
}

}  // namespace sa::kernels::detail
