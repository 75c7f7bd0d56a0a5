// Checksums of staged data: XXH3-128 (xxHash), fast enough to run over every byte a stage writes (tens of
// GB/s, far above disk speed), so the next stage can verify what it reads before trusting it. Not a
// security hash: it detects corruption and truncation, not tampering.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace sa::staging {

// Incremental XXH3-128; hex() is 32 lower-case hex digits.
class Checksum {
 public:
  Checksum();
  ~Checksum();
  Checksum(Checksum&&) noexcept;
  Checksum& operator=(Checksum&&) noexcept;

  void update(const void* data, std::size_t n);
  std::string hex() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

std::string checksum_bytes(const void* data, std::size_t n);
// Streams the file; throws sa::Error(Io) when it cannot be read.
std::string checksum_file(const std::filesystem::path& file);

}  // namespace sa::staging
