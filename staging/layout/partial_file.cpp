// The unsealed partial file's trailer: reading it back strictly, rewriting it in place.
#include "layout/partial_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "base/error.hpp"
#include "publish/atomic_file.hpp"

namespace sa::staging {

namespace {

struct FdCloser {
  int fd;
  ~FdCloser() { ::close(fd); }
};

Error io_error(const std::string& what, const std::filesystem::path& path) {
  return Error(ErrorKind::Io, what + " " + path.string() + ": " + std::strerror(errno), Retry::Retryable);
}

void pwrite_all(int fd, const std::filesystem::path& path, const std::string& bytes, std::uint64_t offset) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t w = ::pwrite(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset + done));
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) throw io_error("write", path);
    done += static_cast<std::size_t>(w);
  }
}

void pread_all(int fd, const std::filesystem::path& path, char* out, std::size_t n, std::uint64_t offset) {
  std::size_t done = 0;
  while (done < n) {
    ssize_t r = ::pread(fd, out + done, n - done, static_cast<off_t>(offset + done));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) throw io_error("read", path);
    if (r == 0) throw Error(ErrorKind::Corrupt, path.string() + " shrank while its trailer was read");
    done += static_cast<std::size_t>(r);
  }
}

}  // namespace

std::vector<ByteRange> ranges_from_runs(const std::vector<Run>& runs) {
  std::vector<ByteRange> out;
  std::uint64_t at = 0;
  for (const Run& r : runs) {
    if (r.set) out.push_back({at, r.length});
    at += r.length;
  }
  return out;
}

std::vector<Run> runs_from_ranges(std::vector<ByteRange> ranges) {
  std::sort(ranges.begin(), ranges.end(), [](const ByteRange& a, const ByteRange& b) { return a.offset < b.offset; });
  std::vector<Run> runs;
  std::uint64_t at = 0;
  for (const ByteRange& r : ranges) {
    if (r.size == 0) continue;
    std::uint64_t end = r.offset + r.size;
    if (end <= at) continue;  // inside what is already set
    if (r.offset > at) {
      runs.push_back({false, r.offset - at});
      runs.push_back({true, end - r.offset});
    } else if (!runs.empty() && runs.back().set) {
      runs.back().length += end - at;  // overlaps or touches the previous range
    } else {
      runs.push_back({true, end - at});  // starts at 0
    }
    at = end;
  }
  return runs;
}

std::vector<ByteRange> with_range(std::vector<ByteRange> ranges, ByteRange add) {
  ranges.push_back(add);
  return ranges_from_runs(runs_from_ranges(std::move(ranges)));
}

bool covers(const std::vector<ByteRange>& ranges, ByteRange r) {
  for (const ByteRange& m : ranges_from_runs(runs_from_ranges(ranges))) {
    if (m.offset <= r.offset && r.offset + r.size <= m.offset + m.size) return true;
  }
  return r.size == 0;
}

std::string partial_file_trailer(const std::vector<ByteRange>& allocated) {
  std::string rle = rle_plus_encode(runs_from_ranges(allocated));
  const auto n = static_cast<std::uint32_t>(rle.size());
  for (int i = 0; i < 4; ++i) rle.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
  return rle;
}

std::vector<ByteRange> read_partial_file_allocated(const std::filesystem::path& path, std::uint64_t sector_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(ErrorKind::Usage, "open " + path.string() + ": " + std::strerror(errno));
  FdCloser closer{fd};
  const off_t end = ::lseek(fd, 0, SEEK_END);
  if (end < 0) throw io_error("size of", path);
  const auto size = static_cast<std::uint64_t>(end);
  if (size < sector_bytes + 4) {
    throw Error(ErrorKind::Corrupt, path.string() + " is " + std::to_string(size) + " bytes: not an unsealed partial file of a " +
                                        std::to_string(sector_bytes) + "-byte sector (no allocation trailer)");
  }
  unsigned char len_bytes[4];
  pread_all(fd, path, reinterpret_cast<char*>(len_bytes), 4, size - 4);
  std::uint64_t len = 0;
  for (int i = 0; i < 4; ++i) len |= static_cast<std::uint64_t>(len_bytes[i]) << (8 * i);
  if (sector_bytes + len + 4 != size) {
    throw Error(ErrorKind::Corrupt, path.string() + " has an inconsistent length: " + std::to_string(size) + " bytes, expected " +
                                        std::to_string(sector_bytes) + " + " + std::to_string(len) + " trailer + 4");
  }
  std::string rle(len, '\0');
  pread_all(fd, path, rle.data(), len, sector_bytes);
  std::vector<ByteRange> ranges;
  try {
    ranges = ranges_from_runs(rle_plus_decode(rle));
  } catch (const Error& e) {
    throw Error(ErrorKind::Corrupt, path.string() + ": " + e.what());
  }
  if (!ranges.empty() && ranges.back().offset + ranges.back().size > sector_bytes) {
    throw Error(ErrorKind::Corrupt, path.string() + ": allocated bytes past the sector's " + std::to_string(sector_bytes));
  }
  return ranges;
}

void write_partial_file_trailer(int fd, const std::filesystem::path& path, std::uint64_t sector_bytes,
                                const std::vector<ByteRange>& allocated) {
  const std::string trailer = partial_file_trailer(allocated);
  pwrite_all(fd, path, trailer, sector_bytes);
  if (::ftruncate(fd, static_cast<off_t>(sector_bytes + trailer.size())) != 0) throw io_error("truncate", path);
}

std::vector<ByteRange> write_partial_file_range(const std::filesystem::path& path, std::uint64_t sector_bytes,
                                                std::uint64_t offset, const void* data, std::uint64_t size) {
  if (offset > sector_bytes || size > sector_bytes - offset) {
    throw Error(ErrorKind::Usage, "range " + std::to_string(offset) + "+" + std::to_string(size) + " is outside the " +
                                      std::to_string(sector_bytes) + "-byte sector area of " + path.string());
  }
  if (!std::filesystem::exists(path)) {
    AtomicFile fresh(path);
    fresh.truncate(sector_bytes);
    fresh.write_at(offset, data, size);
    std::vector<ByteRange> allocated = with_range({}, {offset, size});
    write_partial_file_trailer(fresh.fd(), fresh.temp_path(), sector_bytes, allocated);
    fresh.publish();
    return allocated;
  }
  std::vector<ByteRange> allocated = with_range(read_partial_file_allocated(path, sector_bytes), {offset, size});
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) throw io_error("open", path);
  FdCloser closer{fd};
  pwrite_all(fd, path, std::string(static_cast<const char*>(data), size), offset);
  if (::fdatasync(fd) != 0) throw io_error("fdatasync", path);
  write_partial_file_trailer(fd, path, sector_bytes, allocated);
  if (::fsync(fd) != 0) throw io_error("fsync", path);
  return allocated;
}

}  // namespace sa::staging
