// Runtime choice of the SHA-256 implementation: CPUID says whether SHA-NI is there (once, cached), and
// Auto resolves to it. Every entry point that takes a Sha256Impl goes through resolve().
#include <string>

#include "base/error.hpp"
#include "hash/sha256.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace sa::kernels {
namespace {

bool detect_sha_ni() {
#if defined(__x86_64__) || defined(__i386__)
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) == 0) return false;
  const bool ssse3 = (ecx & (1u << 9)) != 0;
  const bool sse41 = (ecx & (1u << 19)) != 0;
  if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) == 0) return false;
  const bool sha = (ebx & (1u << 29)) != 0;
  return ssse3 && sse41 && sha;
#else
  return false;
#endif
}

}  // namespace

bool sha_ni_available() {
  static const bool available = detect_sha_ni();
  return available;
}

Sha256Impl resolve(Sha256Impl impl) {
  switch (impl) {
    case Sha256Impl::Auto: return sha_ni_available() ? Sha256Impl::ShaNi : Sha256Impl::Portable;
    case Sha256Impl::Portable: return Sha256Impl::Portable;
    case Sha256Impl::ShaNi:
      if (!sha_ni_available()) {
        throw Error(ErrorKind::Usage, "sha256: SHA-NI was requested but this CPU does not support it");
      }
      return Sha256Impl::ShaNi;
  }
  throw Error(ErrorKind::Usage, "sha256: unknown implementation " + std::to_string(static_cast<int>(impl)));
}

std::string_view sha256_impl_name(Sha256Impl impl) {
  switch (impl) {
    case Sha256Impl::Auto: return "auto";
    case Sha256Impl::Portable: return "portable";
    case Sha256Impl::ShaNi: return "sha-ni";
  }
  return "?";
}

void sha256_compress(std::uint32_t state[8], const std::uint8_t* blocks, std::size_t nblocks, Sha256Impl impl) {
  if (resolve(impl) == Sha256Impl::ShaNi) {
    sha256_compress_shani(state, blocks, nblocks);
  } else {
    sha256_compress_portable(state, blocks, nblocks);
  }
}

}  // namespace sa::kernels
