// Derivation of the optimized Poseidon schedule (proofs.md §7.2; same idea as neptune's OptimizedStatic:
// scalar constants and sparse matrices in the partial rounds). Output must equal the Correct permutation
// bit for bit; tests check it for every arity on random inputs.
//
// Write a partial round as  s ← M·S0(s + c),  S0 = x^5 on element 0 only.
// 1. Constants. Split c = c[0]·e0 + b (b[0] = 0). S0 leaves b's elements alone, so
//    M·S0(s + c) = M·S0(s + c[0]·e0) + M·b: the tail M·b moves into the next round's constants. Going
//    forward, every partial round keeps one scalar and the last tail lands in the first full round of the
//    second half.
// 2. Matrices. Any A with invertible lower-right block Â factors as A = S·P, P = diag(1, Â),
//    S = [[A00, A[0][1..]·Â^{-1}], [A[1..][0], I]] (sparse: 2t − 1 products to apply). P fixes element 0,
//    so it commutes with S0 and with adding a scalar to element 0. For the chain M·R_n·M·R_{n−1}·…·M·R_1
//    (R = scalar add + S0): M = S_1·P_1, move P_1 right through R_n, factor A_2 = P_1·M = S_2·P_2, and so
//    on; after n steps the leftover P_n·M becomes the linear layer of the last first-half full round.
//    Â_k = M̂^k, invertible because every square block of a Cauchy matrix is.
#include <cstddef>

#include "hash/poseidon_constants.hpp"
#include "hash/poseidon_matrix.hpp"

namespace sa::kernels {

void derive_optimized_schedule(PoseidonConstants& c) {
  const int t = c.width;
  const int half = c.full_rounds / 2;
  const int rp = c.partial_rounds;
  const auto idx = [](int i) { return static_cast<std::size_t>(i); };

  FrMatrix mds(t);
  mds.a = c.mds;

  // 1. Constants, pushed forward through the partial rounds.
  std::vector<std::vector<Fr>> rc(idx(c.full_rounds + rp), std::vector<Fr>(idx(t)));
  for (int r = 0; r < c.full_rounds + rp; ++r) {
    for (int i = 0; i < t; ++i) rc[idx(r)][idx(i)] = c.round_constants[idx(r * t + i)];
  }
  c.partial_constants.assign(idx(rp), Fr());
  for (int k = 0; k < rp; ++k) {
    std::vector<Fr>& round = rc[idx(half + k)];
    c.partial_constants[idx(k)] = round[0];
    round[0] = Fr();
    const std::vector<Fr> carried = mds * round;
    std::vector<Fr>& next = rc[idx(half + k + 1)];
    for (int i = 0; i < t; ++i) next[idx(i)] += carried[idx(i)];
  }
  c.full_constants.clear();
  for (int r = 0; r < c.full_rounds; ++r) {
    const std::vector<Fr>& round = rc[idx(r < half ? r : r + rp)];
    c.full_constants.insert(c.full_constants.end(), round.begin(), round.end());
  }

  // 2. Sparse factorization. S_1 is applied after the last partial round, so the factors are produced in
  // reverse application order and stored from the back.
  c.sparse_row0.assign(idx(rp * t), Fr());
  c.sparse_col0.assign(idx(rp * (t - 1)), Fr());
  FrMatrix a = mds;
  for (int step = 0; step < rp; ++step) {
    const int k = rp - 1 - step;  // partial round (application order) that uses this factor
    const FrMatrix a_hat = minor_00(a);
    const FrMatrix a_hat_inv = inverse(a_hat);
    c.sparse_row0[idx(k * t)] = a.at(0, 0);
    for (int j = 1; j < t; ++j) {
      Fr acc;
      for (int m = 1; m < t; ++m) acc += a.at(0, m) * a_hat_inv.at(m - 1, j - 1);
      c.sparse_row0[idx(k * t + j)] = acc;
      c.sparse_col0[idx(k * (t - 1) + j - 1)] = a.at(j, 0);
    }
    FrMatrix p = FrMatrix::identity(t);
    for (int i = 1; i < t; ++i) {
      for (int j = 1; j < t; ++j) p.at(i, j) = a_hat.at(i - 1, j - 1);
    }
    a = p * mds;
  }
  c.pre_sparse = a.a;
}

}  // namespace sa::kernels
