// statvfs-based free-space checks.
#include "publish/free_space.hpp"

#include <sys/statvfs.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "base/error.hpp"

namespace sa::staging {

namespace {
std::string human(std::uint64_t b) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(b);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g %s", v, units[u]);
  return buf;
}
}  // namespace

std::uint64_t available_bytes(const std::filesystem::path& path) {
  std::filesystem::path p = path;
  while (!p.empty() && !std::filesystem::exists(p)) p = p.parent_path();
  if (p.empty()) p = ".";
  struct statvfs st {};
  if (::statvfs(p.c_str(), &st) != 0) {
    throw Error(ErrorKind::Io, "statvfs " + p.string() + ": " + std::strerror(errno), Retry::Retryable);
  }
  return static_cast<std::uint64_t>(st.f_bavail) * st.f_frsize;
}

void require_free_space(const std::filesystem::path& path, std::uint64_t needed, const char* what) {
  std::uint64_t avail = available_bytes(path);
  if (avail < needed) {
    throw Error(ErrorKind::Resource,
                std::string(what) + " needs " + human(needed) + " on " + path.string() + " but only " + human(avail) +
                    " is free",
                Retry::Retryable);
  }
}

}  // namespace sa::staging
