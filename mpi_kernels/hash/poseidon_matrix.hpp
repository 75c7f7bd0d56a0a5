// Small dense matrices over Fr for deriving Poseidon parameters (proofs.md §7.1–7.2): the Cauchy MDS matrix
// and the products and inverses needed to factor it into neptune-style sparse matrices. Runs once per
// arity at start-up, so it is plain O(n^3) code.
#pragma once

#include <vector>

#include "field/fr.hpp"

namespace sa::kernels {

struct FrMatrix {
  int n = 0;               // n × n
  std::vector<Fr> a;       // row-major: a[i·n + j]

  explicit FrMatrix(int size = 0) : n(size), a(static_cast<std::size_t>(size) * static_cast<std::size_t>(size)) {}
  Fr& at(int i, int j) { return a[static_cast<std::size_t>(i * n + j)]; }
  const Fr& at(int i, int j) const { return a[static_cast<std::size_t>(i * n + j)]; }

  static FrMatrix identity(int size);
  // M[i][j] = 1 / (x_i + y_j) with x_i = i and y_j = size + j (neptune mds.rs generate_mds).
  static FrMatrix cauchy(int size);
};

FrMatrix operator*(const FrMatrix& x, const FrMatrix& y);
std::vector<Fr> operator*(const FrMatrix& m, const std::vector<Fr>& v);
// Gauss–Jordan inverse. Throws sa::Error(Internal) when the matrix is singular.
FrMatrix inverse(const FrMatrix& m);
// The (n−1) × (n−1) block without row 0 and column 0.
FrMatrix minor_00(const FrMatrix& m);

}  // namespace sa::kernels
