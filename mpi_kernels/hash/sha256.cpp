// One-shot and incremental SHA-256 over the block compressions (FIPS 180-4 §5.1.1 padding: 0x80, zeros,
// 64-bit big-endian bit length).
#include "hash/sha256.hpp"

#include <algorithm>
#include <cstring>

namespace sa::kernels {

Sha256::Sha256(Sha256Impl impl) : impl_(resolve(impl)), state_(kSha256Iv) {}

void Sha256::reset() {
  state_ = kSha256Iv;
  buffered_ = 0;
  total_ = 0;
}

void Sha256::update(const std::uint8_t* data, std::size_t n) {
  total_ += n;
  if (buffered_ > 0) {
    const std::size_t take = std::min(n, buffer_.size() - buffered_);
    std::memcpy(buffer_.data() + buffered_, data, take);
    buffered_ += take;
    data += take;
    n -= take;
    if (buffered_ < buffer_.size()) return;
    sha256_compress(state_.data(), buffer_.data(), 1, impl_);
    buffered_ = 0;
  }
  const std::size_t whole = n / 64;
  if (whole > 0) sha256_compress(state_.data(), data, whole, impl_);
  data += 64 * whole;
  n -= 64 * whole;
  if (n > 0) std::memcpy(buffer_.data(), data, n);
  buffered_ = n;
}

Sha256Digest Sha256::finish() {
  const std::uint64_t bits = total_ * 8;
  std::array<std::uint8_t, 128> tail{};
  std::memcpy(tail.data(), buffer_.data(), buffered_);
  tail[buffered_] = 0x80;
  const std::size_t len = buffered_ + 9 <= 64 ? 64 : 128;
  for (int i = 0; i < 8; ++i) tail[len - 1 - static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(bits >> (8 * i));
  sha256_compress(state_.data(), tail.data(), len / 64, impl_);
  Sha256Digest out;
  for (std::size_t k = 0; k < 8; ++k) {
    for (std::size_t b = 0; b < 4; ++b) out[4 * k + b] = static_cast<std::uint8_t>(state_[k] >> (24 - 8 * b));
  }
  reset();
  return out;
}

Sha256Digest sha256(const std::uint8_t* data, std::size_t n, Sha256Impl impl) {
  Sha256 hasher(impl);
  hasher.update(data, n);
  return hasher.finish();
}

}  // namespace sa::kernels
