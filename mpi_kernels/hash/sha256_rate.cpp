// Timing loop behind measure_sha256_rate: chained compressions over a 16 KiB buffer until the time is up.
#include "hash/sha256_rate.hpp"

#include <chrono>
#include <cmath>
#include <vector>

#include "base/error.hpp"

namespace sa::kernels {

double measure_sha256_rate(double seconds, Sha256Impl impl) {
  if (!std::isfinite(seconds) || seconds > 60) {
    throw Error(ErrorKind::Usage, "measure_sha256_rate: seconds must be finite and at most 60");
  }
  const Sha256Impl chosen = resolve(impl);
  constexpr std::size_t kBatch = 256;
  std::vector<std::uint8_t> blocks(64 * kBatch);
  for (std::size_t i = 0; i < blocks.size(); ++i) blocks[i] = static_cast<std::uint8_t>(i * 131 + 7);
  std::uint32_t state[8];
  for (int k = 0; k < 8; ++k) state[k] = kSha256Iv[static_cast<std::size_t>(k)];

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto budget = std::chrono::duration<double>(seconds);
  std::uint64_t done = 0;
  double elapsed = 0;
  do {
    sha256_compress(state, blocks.data(), kBatch, chosen);
    done += kBatch;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < budget.count());
  // Feed the state back so the compiler cannot drop the chain.
  blocks[0] ^= static_cast<std::uint8_t>(state[0]);
  return elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
}

}  // namespace sa::kernels
