// Poseidon permutations (proofs.md §7.2). The reference follows the Correct-mode pseudo-code literally; the
// optimized one runs the schedule of poseidon_optimize.cpp with the width fixed at compile time so the
// state lives in registers/stack arrays and the loops unroll (one instance per supported width), and takes
// every matrix row as one lazily reduced sum of products (Fr::dot).
#include "hash/poseidon.hpp"

#include <array>
#include <string>
#include <vector>

#include "base/error.hpp"

namespace sa::kernels {
namespace {

template <int T>
inline void full_sbox_and_constants(std::array<Fr, T>& s, const Fr* rc) {
  for (int i = 0; i < T; ++i) s[i] = (s[i] + rc[i]).pow5();
}

template <int T>
inline void dense_multiply(std::array<Fr, T>& s, const Fr* m) {
  std::array<Fr, T> out;
  for (int i = 0; i < T; ++i) out[i] = Fr::dot(m + i * T, s.data(), T);
  s = out;
}

template <int T>
void permute_fixed(Fr* state, const PoseidonConstants& c) {
  std::array<Fr, T> s;
  for (int i = 0; i < T; ++i) s[i] = state[i];
  const int half = c.full_rounds / 2;
  const Fr* fc = c.full_constants.data();
  const Fr* mds = c.mds.data();

  for (int r = 0; r < half; ++r, fc += T) {
    full_sbox_and_constants<T>(s, fc);
    dense_multiply<T>(s, r + 1 == half ? c.pre_sparse.data() : mds);
  }
  const Fr* row0 = c.sparse_row0.data();
  const Fr* col0 = c.sparse_col0.data();
  for (int k = 0; k < c.partial_rounds; ++k, row0 += T, col0 += T - 1) {
    const Fr x0 = (s[0] + c.partial_constants[static_cast<std::size_t>(k)]).pow5();
    s[0] = x0;
    const Fr new0 = Fr::dot(row0, s.data(), T);
    for (int i = 1; i < T; ++i) s[i] += col0[i - 1] * x0;
    s[0] = new0;
  }
  for (int r = 0; r < half; ++r, fc += T) {
    full_sbox_and_constants<T>(s, fc);
    dense_multiply<T>(s, mds);
  }
  for (int i = 0; i < T; ++i) state[i] = s[i];
}

}  // namespace

void poseidon_permute(Fr* state, const PoseidonConstants& c) {
  switch (c.width) {
    case 3: return permute_fixed<3>(state, c);
    case 5: return permute_fixed<5>(state, c);
    case 9: return permute_fixed<9>(state, c);
    case 12: return permute_fixed<12>(state, c);
    case 17: return permute_fixed<17>(state, c);
    case 25: return permute_fixed<25>(state, c);
    case 37: return permute_fixed<37>(state, c);
    default: throw Error(ErrorKind::Usage, "poseidon: no permutation for width " + std::to_string(c.width));
  }
}

void poseidon_permute_reference(Fr* state, const PoseidonConstants& c) {
  const auto t = static_cast<std::size_t>(c.width);
  const int rounds = c.full_rounds + c.partial_rounds;
  const int half = c.full_rounds / 2;
  std::vector<Fr> next(t);
  for (int r = 0; r < rounds; ++r) {
    const bool full = r < half || r >= half + c.partial_rounds;
    for (std::size_t i = 0; i < t; ++i) state[i] += c.round_constants[static_cast<std::size_t>(r) * t + i];
    for (std::size_t i = 0; i < (full ? t : 1); ++i) state[i] = state[i].pow5();
    for (std::size_t i = 0; i < t; ++i) {
      Fr acc;
      for (std::size_t j = 0; j < t; ++j) acc += c.mds[i * t + j] * state[j];
      next[i] = acc;
    }
    for (std::size_t i = 0; i < t; ++i) state[i] = next[i];
  }
}

Fr poseidon_hash(const Fr* inputs, const PoseidonConstants& c) {
  std::array<Fr, 37> state;
  state[0] = c.domain_tag;
  for (int i = 0; i < c.arity; ++i) state[static_cast<std::size_t>(i + 1)] = inputs[i];
  poseidon_permute(state.data(), c);
  return state[1];
}

Fr poseidon_hash_reference(const Fr* inputs, const PoseidonConstants& c) {
  std::vector<Fr> state(static_cast<std::size_t>(c.width));
  state[0] = c.domain_tag;
  for (int i = 0; i < c.arity; ++i) state[static_cast<std::size_t>(i + 1)] = inputs[i];
  poseidon_permute_reference(state.data(), c);
  return state[1];
}

Fr poseidon_hash(const Fr* inputs, int arity) { return poseidon_hash(inputs, poseidon_constants(arity)); }

Fr poseidon_hash_reference(const Fr* inputs, int arity) {
  return poseidon_hash_reference(inputs, poseidon_constants(arity));
}

void poseidon_hash_bytes(const std::uint8_t* inputs, int arity, std::uint8_t* out32) {
  const PoseidonConstants& c = poseidon_constants(arity);
  std::array<Fr, 36> in;
  for (int i = 0; i < arity; ++i) in[static_cast<std::size_t>(i)] = Fr::from_bytes_le(inputs + 32 * i);
  poseidon_hash(in.data(), c).to_bytes_le(out32);
}

}  // namespace sa::kernels
