// Fr32Padder: buffering of the partial quad between write() calls; whole quads are padded straight from the
// caller's buffer without a copy.
#include "field/fr32_padder.hpp"

#include <algorithm>
#include <cstring>

namespace sa::kernels {

std::size_t Fr32Padder::write(const std::uint8_t* raw, std::size_t n, std::uint8_t* out) {
  raw_total_ += n;
  std::size_t written = 0;
  if (pending_ > 0) {
    const std::size_t take = std::min(n, kFr32QuadRaw - pending_);
    std::memcpy(pending_bytes_.data() + pending_, raw, take);
    pending_ += take;
    raw += take;
    n -= take;
    if (pending_ < kFr32QuadRaw) return 0;
    fr32_pad_quads(pending_bytes_.data(), out, 1);
    pending_ = 0;
    written = kFr32QuadPadded;
  }
  const std::size_t quads = n / kFr32QuadRaw;
  fr32_pad_quads(raw, out + written, quads);
  written += quads * kFr32QuadPadded;
  pending_ = n - quads * kFr32QuadRaw;
  std::memcpy(pending_bytes_.data(), raw + quads * kFr32QuadRaw, pending_);
  padded_total_ += written;
  return written;
}

std::size_t Fr32Padder::finish(std::uint8_t* out) {
  std::size_t written = 0;
  if (pending_ > 0) {
    std::fill(pending_bytes_.begin() + static_cast<std::ptrdiff_t>(pending_), pending_bytes_.end(), 0);
    std::uint8_t padded[kFr32QuadPadded];
    fr32_pad_quads(pending_bytes_.data(), padded, 1);
    written = static_cast<std::size_t>((to_padded_bytes(pending_) + 31) / 32 * 32);
    std::memcpy(out, padded, written);
  }
  pending_ = 0;
  padded_total_ += written;
  return written;
}

void Fr32Padder::reset() {
  pending_ = 0;
  raw_total_ = 0;
  padded_total_ = 0;
}

void Fr32Padder::write(const std::uint8_t* raw, std::size_t n, std::vector<std::uint8_t>& out) {
  const std::size_t old = out.size();
  out.resize(old + max_output(n));
  out.resize(old + write(raw, n, out.data() + old));
}

void Fr32Padder::finish(std::vector<std::uint8_t>& out) {
  const std::size_t old = out.size();
  out.resize(old + kFr32QuadPadded);
  out.resize(old + finish(out.data() + old));
}

}  // namespace sa::kernels
