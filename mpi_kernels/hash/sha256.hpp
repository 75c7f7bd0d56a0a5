// SHA-256 (FIPS 180-4): block compression (portable C++ and x86 SHA-NI), the runtime choice between them,
// and one-shot / incremental hashing. Byte-compatible with the sha2 crate used by rust-fil-proofs
// (proofs.md §0.1); every node hash of the project goes through these functions.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sa::kernels {

using Sha256Digest = std::array<std::uint8_t, 32>;

// Auto picks SHA-NI when the CPU has it, else the portable code.
enum class Sha256Impl { Auto, Portable, ShaNi };

// True when this CPU supports SHA-NI and SSE4.1 (checked once with CPUID; thread-safe).
bool sha_ni_available();
// Auto → ShaNi or Portable. Throws sa::Error(Usage) when ShaNi is asked for but the CPU lacks it, so a
// forced choice never ends in SIGILL.
Sha256Impl resolve(Sha256Impl impl);
// "auto", "portable", "sha-ni".
std::string_view sha256_impl_name(Sha256Impl impl);

// The 8-word chaining state, a..h, as FIPS 180-4 writes it.
inline constexpr std::array<std::uint32_t, 8> kSha256Iv = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                                           0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

// Compress nblocks consecutive 64-byte blocks into state (no padding, no length). The SHA-NI variant must
// only be called when sha_ni_available(); sha256_compress(…, impl) checks that for you.
void sha256_compress_portable(std::uint32_t state[8], const std::uint8_t* blocks, std::size_t nblocks);
void sha256_compress_shani(std::uint32_t state[8], const std::uint8_t* blocks, std::size_t nblocks);
void sha256_compress(std::uint32_t state[8], const std::uint8_t* blocks, std::size_t nblocks,
                     Sha256Impl impl = Sha256Impl::Auto);

// SHA-256 of n bytes. Throws only as resolve() does.
Sha256Digest sha256(const std::uint8_t* data, std::size_t n, Sha256Impl impl = Sha256Impl::Auto);

// Incremental SHA-256 for streams: update() any number of times, then finish() once. After finish() the
// object is reset and may hash a new message. Not thread-safe; one object per stream.
class Sha256 {
 public:
  explicit Sha256(Sha256Impl impl = Sha256Impl::Auto);

  void update(const std::uint8_t* data, std::size_t n);
  Sha256Digest finish();
  void reset();
  std::uint64_t bytes_hashed() const { return total_; }

 private:
  Sha256Impl impl_;
  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace sa::kernels
