// mont_mul's choice between the ADX and the portable Montgomery multiplication (fr_mul_adx.hpp): measured,
// because the faster one differs between cores of the same ISA. A few hundred microseconds, once.
#include <chrono>
#include <cstdlib>
#include <string>

#include "base/error.hpp"
#include "field/fr_mul_adx.hpp"

namespace sa::kernels::fr_detail {
namespace {

// Best of five runs of a 2048-long dependent chain, in nanoseconds.
template <class Mul>
double chain_ns(Mul mul) {
  const Limbs y = {0x243f6a8885a308d3ull, 0x13198a2e03707344ull, 0xa4093822299f31d0ull, 0x082efa98ec4e6c89ull};
  double best = 1e30;
  for (int run = 0; run < 5; ++run) {
    Limbs x = {3, 0, 0, 0};
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < 2048; ++i) x = mul(x, y);
    const double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count();
    volatile std::uint64_t sink = x[0];
    (void)sink;
    if (ns < best) best = ns;
  }
  return best;
}

}  // namespace

bool fr_choose_adx() {
  const char* env = std::getenv("SA_FR_MUL");
  const std::string forced = env == nullptr ? "" : env;
  if (forced == "portable") return false;
  if (forced == "adx") return fr_adx_available();
  if (!forced.empty() && forced != "auto") {
    throw Error(ErrorKind::Usage, "SA_FR_MUL=" + forced + " is not a multiplication: use auto, adx or portable");
  }
  if (!fr_adx_available()) return false;
  return chain_ns([](const Limbs& a, const Limbs& b) { return mont_mul_adx(a, b); }) <
         chain_ns([](const Limbs& a, const Limbs& b) { return mont_mul_portable(a, b); });
}

}  // namespace sa::kernels::fr_detail
