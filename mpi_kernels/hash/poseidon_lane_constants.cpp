// The lane schedule's constants (poseidon_lanes.hpp): neptune's optimized schedule re-encoded as radix-2^52
// Montgomery values, R = 2^260. Computed with the scalar Fr code, so this file needs no special CPU.
#include <map>
#include <mutex>
#include <string>

#include "base/error.hpp"
#include "hash/poseidon_lanes.hpp"

namespace sa::kernels {
namespace {

constexpr std::uint64_t kMask52 = (std::uint64_t{1} << 52) - 1;

// 2^260 mod p as an Fr (canonical value).
Fr r260() { return Fr::from_u64(2).pow(260); }

// x·2^260 mod p in radix 2^52.
Limbs52 to_mont52(const Fr& x, const Fr& r) { return to_limbs52((x * r).to_canonical()); }

std::vector<Limbs52> convert(const std::vector<Fr>& v, const Fr& r) {
  std::vector<Limbs52> out;
  out.reserve(v.size());
  for (const Fr& x : v) out.push_back(to_mont52(x, r));
  return out;
}

PoseidonLaneConstants build(int arity) {
  const PoseidonConstants& s = poseidon_constants(arity);
  const Fr r = r260();
  PoseidonLaneConstants c;
  c.arity = s.arity;
  c.width = s.width;
  c.full_rounds = s.full_rounds;
  c.partial_rounds = s.partial_rounds;
  c.domain_tag = to_mont52(s.domain_tag, r);
  c.full_constants = convert(s.full_constants, r);
  c.partial_constants = convert(s.partial_constants, r);
  c.pre_sparse = convert(s.pre_sparse, r);
  c.mds = convert(s.mds, r);
  c.sparse_row0 = convert(s.sparse_row0, r);
  c.sparse_col0 = convert(s.sparse_col0, r);
  return c;
}

}  // namespace

Limbs52 to_limbs52(const fr_detail::Limbs& v) {
  return Limbs52{v[0] & kMask52, ((v[0] >> 52) | (v[1] << 12)) & kMask52, ((v[1] >> 40) | (v[2] << 24)) & kMask52,
                 ((v[2] >> 28) | (v[3] << 36)) & kMask52, v[3] >> 16};
}

fr_detail::Limbs from_limbs52(const Limbs52& v) {
  return fr_detail::Limbs{v[0] | (v[1] << 52), (v[1] >> 12) | (v[2] << 40), (v[2] >> 24) | (v[3] << 28),
                          (v[3] >> 36) | (v[4] << 16)};
}

const Lane52Field& lane52_field() {
  static const Lane52Field field = [] {
    Lane52Field f;
    f.p = to_limbs52(fr_detail::kModulus);
    f.inv = fr_detail::kInv & kMask52;  // −p⁻¹ mod 2^64 reduced mod 2^52 is −p⁻¹ mod 2^52
    f.r2 = to_limbs52((r260() * r260()).to_canonical());
    return f;
  }();
  return field;
}

bool poseidon_lanes_support(int arity) {
  for (const int a : kPoseidonArities) {
    if (a == arity) return arity + 1 <= 17;
  }
  return false;
}

const PoseidonLaneConstants& poseidon_lane_constants(int arity) {
  if (!poseidon_lanes_support(arity)) {
    throw Error(ErrorKind::Usage, "poseidon lanes: no lane schedule for arity " + std::to_string(arity));
  }
  static std::mutex mutex;
  static std::map<int, PoseidonLaneConstants> cache;  // node-based: references stay valid
  const std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(arity);
  if (it == cache.end()) it = cache.emplace(arity, build(arity)).first;
  return it->second;
}

bool cpu_has_ifma() {
#if defined(__x86_64__)
  static const bool available = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512ifma");
  }();
  return available;
#else
  return false;
#endif
}

}  // namespace sa::kernels
