// One engine per state directory: an flock on <state_dir>/engine.lock, released when the process ends
// (also on kill -9), so a second `sealadapter run`/`serve` refuses to start instead of double-submitting.
#pragma once

#include <filesystem>

namespace sa::adapter {

class EngineLock {
 public:
  // Throws sa::Error(Usage) "another sealadapter engine (pid N) is running on DIR" when held elsewhere.
  explicit EngineLock(const std::filesystem::path& state_dir);
  ~EngineLock();
  EngineLock(const EngineLock&) = delete;
  EngineLock& operator=(const EngineLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace sa::adapter
