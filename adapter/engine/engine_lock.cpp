// flock-based single-engine guard.
#include "engine/engine_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "base/error.hpp"

namespace sa::adapter {

EngineLock::EngineLock(const std::filesystem::path& state_dir) {
  std::filesystem::create_directories(state_dir);
  auto path = state_dir / "engine.lock";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw Error(ErrorKind::Io, "open " + path.string() + ": " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    char buf[32] = {0};
    [[maybe_unused]] auto n = ::pread(fd_, buf, sizeof buf - 1, 0);
    ::close(fd_);
    fd_ = -1;
    throw Error(ErrorKind::Usage, "another sealadapter engine (pid " + std::string(buf) + ") is running on " +
                                      state_dir.string());
  }
  std::string pid = std::to_string(::getpid());
  if (::ftruncate(fd_, 0) == 0) {
    [[maybe_unused]] auto w = ::pwrite(fd_, pid.data(), pid.size(), 0);
  }
}

EngineLock::~EngineLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace sa::adapter
