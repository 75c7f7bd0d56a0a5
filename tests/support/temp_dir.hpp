// A fresh temporary directory per test, removed afterwards (kept when SA_KEEP_TEMP=1, for debugging).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

namespace sa::test {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("sa-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    const char* keep = std::getenv("SA_KEEP_TEMP");
    std::error_code ec;
    if (!keep || std::string(keep) != "1") std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace sa::test
