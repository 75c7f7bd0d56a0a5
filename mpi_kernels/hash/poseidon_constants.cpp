// Poseidon parameter generation and the per-arity cache (proofs.md §7.1; neptune round_numbers.rs,
// round_constants.rs, mds.rs, hash_type.rs MerkleTree domain tag).
#include "hash/poseidon_constants.hpp"

#include <array>
#include <memory>
#include <mutex>
#include <string>

#include "base/error.hpp"
#include "hash/poseidon_grain.hpp"
#include "hash/poseidon_matrix.hpp"

namespace sa::kernels {
namespace {

constexpr int kFullRounds = 8;
// Standard R_P per arity, in kPoseidonArities order (neptune round_numbers.rs, 128-bit security with its
// margin: +2 full rounds, ×1.075 partial rounds; the values its tests pin).
constexpr int kStandardPartial[] = {55, 56, 57, 57, 59, 59, 60};
constexpr std::size_t kArityCount = std::size(kPoseidonArities);

std::size_t arity_index(int arity) {
  for (std::size_t i = 0; i < kArityCount; ++i) {
    if (kPoseidonArities[i] == arity) return i;
  }
  throw Error(ErrorKind::Usage, "poseidon: unsupported arity " + std::to_string(arity) +
                                    " (supported: 2, 4, 8, 11, 16, 24, 36)");
}

struct CacheSlot {
  std::once_flag once;
  std::unique_ptr<PoseidonConstants> constants;
};

CacheSlot& cache_slot(std::size_t index, PoseidonStrength strength) {
  static std::array<CacheSlot, 2 * kArityCount> slots;
  return slots[index * 2 + (strength == PoseidonStrength::Standard ? 0 : 1)];
}

}  // namespace

PoseidonRounds poseidon_rounds(int arity, PoseidonStrength strength) {
  const int standard = kStandardPartial[arity_index(arity)];
  if (strength == PoseidonStrength::Standard) return {kFullRounds, standard};
  return {kFullRounds, (standard * 5 + 3) / 4};  // ceil(1.25 · R_P)
}

PoseidonConstants make_poseidon_constants(int arity, PoseidonStrength strength) {
  const PoseidonRounds rounds = poseidon_rounds(arity, strength);
  PoseidonConstants c;
  c.arity = arity;
  c.width = arity + 1;
  c.full_rounds = rounds.full;
  c.partial_rounds = rounds.partial;
  c.strength = strength;
  c.domain_tag = Fr::from_canonical(Fr::Limbs{(std::uint64_t{1} << arity) - 1, 0, 0, 0});
  c.round_constants = grain_round_constants(c.width, c.full_rounds, c.partial_rounds);
  c.mds = FrMatrix::cauchy(c.width).a;
  derive_optimized_schedule(c);
  return c;
}

const PoseidonConstants& poseidon_constants(int arity, PoseidonStrength strength) {
  CacheSlot& slot = cache_slot(arity_index(arity), strength);
  std::call_once(slot.once, [&] {
    slot.constants = std::make_unique<PoseidonConstants>(make_poseidon_constants(arity, strength));
  });
  return *slot.constants;
}

}  // namespace sa::kernels
