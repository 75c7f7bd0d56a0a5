// Staging copies between the shared filesystem and node-local scratch.
#include "scratch/node_scratch.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "base/error.hpp"
#include "publish/atomic_file.hpp"
#include "publish/checksum.hpp"
#include "publish/free_space.hpp"

namespace sa::staging {

namespace {

dev_t device_of(std::filesystem::path p) {
  while (!p.empty() && !std::filesystem::exists(p)) p = p.parent_path();
  struct stat st {};
  if (::stat(p.empty() ? "." : p.c_str(), &st) != 0) return 0;
  return st.st_dev;
}

// Streams src into an AtomicFile at dest, returning the checksum of what was written.
std::string copy_atomic(const std::filesystem::path& src, const std::filesystem::path& dest) {
  int in = ::open(src.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) throw Error(ErrorKind::Io, "open " + src.string() + ": " + std::strerror(errno), Retry::Retryable);
  ::posix_fadvise(in, 0, 0, POSIX_FADV_SEQUENTIAL);
  std::vector<char> buf(16u << 20);
  Checksum sum;
  try {
    AtomicFile out(dest);
    for (;;) {
      ssize_t r = ::read(in, buf.data(), buf.size());
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) throw Error(ErrorKind::Io, "read " + src.string() + ": " + std::strerror(errno), Retry::Retryable);
      if (r == 0) break;
      out.append(buf.data(), static_cast<std::size_t>(r));
      sum.update(buf.data(), static_cast<std::size_t>(r));
    }
    out.publish();
  } catch (...) {
    ::close(in);
    throw;
  }
  ::close(in);
  return sum.hex();
}

}  // namespace

ScratchPolicy parse_scratch_policy(const std::string& text) {
  if (text == "auto" || text.empty()) return ScratchPolicy::Auto;
  if (text == "always") return ScratchPolicy::Always;
  if (text == "never") return ScratchPolicy::Never;
  throw Error(ErrorKind::Usage, "unknown staging policy \"" + text + "\" (auto, always or never)");
}

std::optional<std::filesystem::path> choose_scratch(const std::filesystem::path& storage, const std::filesystem::path& scratch,
                                                    std::uint64_t needed, ScratchPolicy policy) {
  if (policy == ScratchPolicy::Never || scratch.empty()) return std::nullopt;
  if (policy == ScratchPolicy::Auto) {
    if (device_of(storage) == device_of(scratch)) return std::nullopt;  // the same disk: copying only costs
    if (available_bytes(scratch) < needed + (needed / 10)) return std::nullopt;
  } else {
    require_free_space(scratch, needed, "staging to node-local scratch");
  }
  std::filesystem::create_directories(scratch);
  return scratch;
}

std::filesystem::path stage_in(const std::filesystem::path& src, const std::filesystem::path& dir, const std::string& checksum) {
  std::filesystem::create_directories(dir);
  auto dest = dir / src.filename();
  std::string got = copy_atomic(src, dest);
  if (!checksum.empty() && got != checksum) {
    std::filesystem::remove(dest);
    throw Error(ErrorKind::Corrupt, "staged copy of " + src.string() + " does not match its checksum");
  }
  return dest;
}

std::string stage_out(const std::filesystem::path& local, const std::filesystem::path& dest) {
  std::string local_sum = checksum_file(local);
  std::string copied = copy_atomic(local, dest);
  if (copied != local_sum) throw Error(ErrorKind::Io, "copy of " + local.string() + " to " + dest.string() + " changed in flight", Retry::Retryable);
  std::filesystem::remove(local);
  return copied;
}

}  // namespace sa::staging
