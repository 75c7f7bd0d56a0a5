// Dense Fr matrix helpers for the Poseidon parameter derivation (see poseidon_matrix.hpp).
#include "hash/poseidon_matrix.hpp"

#include <utility>

#include "base/error.hpp"

namespace sa::kernels {

FrMatrix FrMatrix::identity(int size) {
  FrMatrix m(size);
  for (int i = 0; i < size; ++i) m.at(i, i) = Fr::one();
  return m;
}

FrMatrix FrMatrix::cauchy(int size) {
  FrMatrix m(size);
  for (int i = 0; i < size; ++i) {
    for (int j = 0; j < size; ++j) {
      m.at(i, j) = Fr::from_u64(static_cast<std::uint64_t>(i + size + j)).inverse();
    }
  }
  return m;
}

FrMatrix operator*(const FrMatrix& x, const FrMatrix& y) {
  if (x.n != y.n) throw Error(ErrorKind::Internal, "FrMatrix: size mismatch in product");
  FrMatrix r(x.n);
  for (int i = 0; i < x.n; ++i) {
    for (int j = 0; j < x.n; ++j) {
      Fr acc;
      for (int k = 0; k < x.n; ++k) acc += x.at(i, k) * y.at(k, j);
      r.at(i, j) = acc;
    }
  }
  return r;
}

std::vector<Fr> operator*(const FrMatrix& m, const std::vector<Fr>& v) {
  if (static_cast<int>(v.size()) != m.n) throw Error(ErrorKind::Internal, "FrMatrix: size mismatch in product");
  std::vector<Fr> r(v.size());
  for (int i = 0; i < m.n; ++i) {
    Fr acc;
    for (int k = 0; k < m.n; ++k) acc += m.at(i, k) * v[static_cast<std::size_t>(k)];
    r[static_cast<std::size_t>(i)] = acc;
  }
  return r;
}

FrMatrix inverse(const FrMatrix& m) {
  FrMatrix a = m;
  FrMatrix inv = FrMatrix::identity(m.n);
  for (int col = 0; col < m.n; ++col) {
    int pivot = col;
    while (pivot < m.n && a.at(pivot, col).is_zero()) ++pivot;
    if (pivot == m.n) throw Error(ErrorKind::Internal, "FrMatrix: singular matrix");
    if (pivot != col) {
      for (int j = 0; j < m.n; ++j) {
        std::swap(a.at(col, j), a.at(pivot, j));
        std::swap(inv.at(col, j), inv.at(pivot, j));
      }
    }
    const Fr scale = a.at(col, col).inverse();
    for (int j = 0; j < m.n; ++j) {
      a.at(col, j) *= scale;
      inv.at(col, j) *= scale;
    }
    for (int i = 0; i < m.n; ++i) {
      if (i == col || a.at(i, col).is_zero()) continue;
      const Fr f = a.at(i, col);
      for (int j = 0; j < m.n; ++j) {
        a.at(i, j) -= f * a.at(col, j);
        inv.at(i, j) -= f * inv.at(col, j);
      }
    }
  }
  return inv;
}

FrMatrix minor_00(const FrMatrix& m) {
  FrMatrix r(m.n - 1);
  for (int i = 1; i < m.n; ++i) {
    for (int j = 1; j < m.n; ++j) r.at(i - 1, j - 1) = m.at(i, j);
  }
  return r;
}

}  // namespace sa::kernels
