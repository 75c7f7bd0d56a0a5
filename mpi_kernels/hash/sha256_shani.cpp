// Single-stream SHA-256 block compression with the x86 SHA extensions. Built with -msha -msse4.1; the
// dispatcher calls it only when sha_ni_available(). Agrees bit for bit with sha256_compress_portable.
#include "hash/sha256.hpp"

#if defined(__SHA__) && defined(__SSE4_1__)
#include "hash/sha256_shani_ops.hpp"

namespace sa::kernels {

void sha256_compress_shani(std::uint32_t state[8], const std::uint8_t* blocks, std::size_t nblocks) {
  detail::shani::State st = detail::shani::load_state(state);
  for (std::size_t i = 0; i < nblocks; ++i) detail::shani::compress_block(st, blocks + 64 * i);
  detail::shani::store_state(st, state);
}

}  // namespace sa::kernels

#else
#include "base/error.hpp"

namespace sa::kernels {

void sha256_compress_shani(std::uint32_t*, const std::uint8_t*, std::size_t) {
  throw Error(ErrorKind::Internal, "sha256: this build has no SHA-NI code (not an x86-64 target)");
}

}  // namespace sa::kernels
#endif
