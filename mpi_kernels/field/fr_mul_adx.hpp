// Montgomery multiplication mod the BLS12-381 scalar prime with x86-64 MULX/ADCX/ADOX (BMI2 + ADX), the same
// CIOS rows as fr_limbs.hpp's portable mont_mul: each row adds a·b[i] and m·p on two independent flag chains
// (CF and OF) and the five row registers rotate instead of shifting. Which is faster depends on the core:
// ≈ 1.3–1.4× the portable u128 code on Zen 3, but 0.84× on Zen 5 (23.2 vs 19.4 ns in a dependent chain,
// GCC 12), where the two flag chains cost more than mul's fixed registers. So mont_mul times both once
// (fr_mul_choice.cpp) unless SA_FR_MUL says which.
#pragma once

#include "field/fr_limbs.hpp"

namespace sa::kernels::fr_detail {

#if defined(__x86_64__)

// True when the CPU has BMI2 and ADX (checked once).
inline bool fr_adx_available() {
  static const bool available = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("adx");
  }();
  return available;
}

alignas(32) inline constexpr std::uint64_t kModulusArray[4] = {kModulus[0], kModulus[1], kModulus[2], kModulus[3]};

// One CIOS row: T0..T4 += a·b[OFF/8]; m = T0·inv; T0..T4 += m·p (T0 becomes 0 and is the next row's T4).
// The sums stay below 2^320, so neither flag chain carries out of T4 (t < 2p before each row).
#define SA_FR_ADX_ROW(OFF, T0, T1, T2, T3, T4)                                                         \
  "movq " #OFF "(%[b]), %%rdx\n\t"                                                                  \
  "xorl %k[lo], %k[lo]\n\t"                                                                         \
  "mulxq 0(%[a]), %[lo], %[hi]\n\t"  "adcxq %[lo], %[" #T0 "]\n\t"  "adoxq %[hi], %[" #T1 "]\n\t"     \
  "mulxq 8(%[a]), %[lo], %[hi]\n\t"  "adcxq %[lo], %[" #T1 "]\n\t"  "adoxq %[hi], %[" #T2 "]\n\t"     \
  "mulxq 16(%[a]), %[lo], %[hi]\n\t" "adcxq %[lo], %[" #T2 "]\n\t"  "adoxq %[hi], %[" #T3 "]\n\t"     \
  "mulxq 24(%[a]), %[lo], %[hi]\n\t" "adcxq %[lo], %[" #T3 "]\n\t"  "adoxq %[hi], %[" #T4 "]\n\t"     \
  "adcxq %[zero], %[" #T4 "]\n\t"                                                                   \
  "movq %[" #T0 "], %%rdx\n\t"                                                                      \
  "imulq %[inv], %%rdx\n\t"                                                                         \
  "xorl %k[lo], %k[lo]\n\t"                                                                         \
  "mulxq 0(%[p]), %[lo], %[hi]\n\t"  "adcxq %[lo], %[" #T0 "]\n\t"  "adoxq %[hi], %[" #T1 "]\n\t"     \
  "mulxq 8(%[p]), %[lo], %[hi]\n\t"  "adcxq %[lo], %[" #T1 "]\n\t"  "adoxq %[hi], %[" #T2 "]\n\t"     \
  "mulxq 16(%[p]), %[lo], %[hi]\n\t" "adcxq %[lo], %[" #T2 "]\n\t"  "adoxq %[hi], %[" #T3 "]\n\t"     \
  "mulxq 24(%[p]), %[lo], %[hi]\n\t" "adcxq %[lo], %[" #T3 "]\n\t"  "adoxq %[hi], %[" #T4 "]\n\t"     \
  "adcxq %[zero], %[" #T4 "]\n\t"

// a·b·2^-256 mod p for a, b < p. Only call when fr_adx_available().
inline Limbs mont_mul_adx(const Limbs& a, const Limbs& b) {
  // Every register is an early-clobber output set inside the asm: with "+r"(0) inputs GCC may give two
  // zero-valued operands the same register.
  std::uint64_t r0, r1, r2, r3, r4, lo, hi, zero;
  asm("xorl %k[r0], %k[r0]\n\t"
      "xorl %k[r1], %k[r1]\n\t"
      "xorl %k[r2], %k[r2]\n\t"
      "xorl %k[r3], %k[r3]\n\t"
      "xorl %k[r4], %k[r4]\n\t"
      "xorl %k[zero], %k[zero]\n\t"
      SA_FR_ADX_ROW(0, r0, r1, r2, r3, r4)
      SA_FR_ADX_ROW(8, r1, r2, r3, r4, r0)
      SA_FR_ADX_ROW(16, r2, r3, r4, r0, r1)
      SA_FR_ADX_ROW(24, r3, r4, r0, r1, r2)
      : [r0] "=&r"(r0), [r1] "=&r"(r1), [r2] "=&r"(r2), [r3] "=&r"(r3), [r4] "=&r"(r4), [lo] "=&r"(lo),
        [hi] "=&r"(hi), [zero] "=&r"(zero)
      : [a] "r"(a.data()), [b] "r"(b.data()), [p] "r"(kModulusArray), [inv] "r"(kInv),
        "m"(*reinterpret_cast<const std::uint64_t(*)[4]>(a.data())),
        "m"(*reinterpret_cast<const std::uint64_t(*)[4]>(b.data()))
      : "rdx", "cc");
  return reduce_once(Limbs{r4, r0, r1, r2});
}

#undef SA_FR_ADX_ROW

#else

inline bool fr_adx_available() { return false; }
inline Limbs mont_mul_adx(const Limbs& a, const Limbs& b) { return mont_mul_portable(a, b); }

#endif

// True when mont_mul uses the ADX code: SA_FR_MUL=adx or portable forces a choice (adx only where the CPU
// has it), otherwise the faster of the two in a short timed dependent chain, decided once per process.
bool fr_choose_adx();
inline bool fr_use_adx() {
  static const bool use = fr_choose_adx();
  return use;
}

// The multiplication Fr uses. The check is one load of a static, predicted every time.
inline Limbs mont_mul(const Limbs& a, const Limbs& b) {
  return fr_use_adx() ? mont_mul_adx(a, b) : mont_mul_portable(a, b);
}

}  // namespace sa::kernels::fr_detail
