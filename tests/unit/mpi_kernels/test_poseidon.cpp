// Poseidon unit tests: the optimized permutation equals the Correct one on random and edge inputs for every
// arity and strength; the byte, batched and threaded forms agree with the element form; errors (bad arity,
// input ≥ p, zero threads) are reported as sa::Error; the parameter helpers behave (cache, MDS, Grain).
#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <vector>

#include "base/error.hpp"
#include "field/fr.hpp"
#include "hash/poseidon.hpp"
#include "hash/poseidon_batch.hpp"
#include "hash/poseidon_constants.hpp"
#include "hash/poseidon_grain.hpp"
#include "hash/poseidon_matrix.hpp"

namespace sa::kernels {
namespace {

Fr random_fr(std::mt19937_64& rng) {
  for (;;) {
    const Fr::Limbs v = {rng(), rng(), rng(), rng() >> 1};
    if (fr_detail::is_canonical(v)) return Fr::from_canonical(v);
  }
}

std::vector<std::uint8_t> random_nodes(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::uint8_t> out(32 * n);
  for (std::size_t i = 0; i < n; ++i) random_fr(rng).to_bytes_le(out.data() + 32 * i);
  return out;
}

class PoseidonArity : public ::testing::TestWithParam<int> {};

TEST_P(PoseidonArity, OptimizedEqualsReferenceOnRandomStates) {
  const int arity = GetParam();
  for (PoseidonStrength strength : {PoseidonStrength::Standard, PoseidonStrength::Strengthened}) {
    const PoseidonConstants& c = poseidon_constants(arity, strength);
    std::mt19937_64 rng(static_cast<std::uint64_t>(arity) * 1000 + (strength == PoseidonStrength::Standard ? 0 : 1));
    const int trials = arity <= 11 ? 200 : 20;
    for (int trial = 0; trial < trials; ++trial) {
      // Whole random states (any tag), plus states full of p − 1 and of zeros.
      std::vector<Fr> state(static_cast<std::size_t>(c.width));
      for (auto& x : state) x = trial == 0 ? Fr() : trial == 1 ? -Fr::one() : random_fr(rng);
      std::vector<Fr> ref = state;
      poseidon_permute(state.data(), c);
      poseidon_permute_reference(ref.data(), c);
      ASSERT_EQ(state, ref) << "arity " << arity << " trial " << trial;
    }
  }
}

TEST_P(PoseidonArity, HashFormsAgree) {
  const int arity = GetParam();
  const auto bytes = random_nodes(static_cast<std::size_t>(arity) * 5, 7 + static_cast<std::uint64_t>(arity));
  std::vector<std::uint8_t> many(32 * 5), many2(32 * 5);
  poseidon_hash_many(bytes.data(), 5, arity, many.data(), 1);
  poseidon_hash_many(bytes.data(), 5, arity, many2.data(), 3);
  EXPECT_EQ(many, many2);
  for (int h = 0; h < 5; ++h) {
    const std::uint8_t* in = bytes.data() + 32 * arity * h;
    std::vector<Fr> elems;
    for (int i = 0; i < arity; ++i) elems.push_back(Fr::from_bytes_le(in + 32 * i));
    std::uint8_t out[32];
    poseidon_hash_bytes(in, arity, out);
    const Fr expected = poseidon_hash_reference(elems.data(), arity);
    EXPECT_EQ(Fr::from_bytes_le(out), expected);
    EXPECT_EQ(poseidon_hash(elems.data(), arity), expected);
    EXPECT_EQ(Fr::from_bytes_le(many.data() + 32 * h), expected);
  }
}

INSTANTIATE_TEST_SUITE_P(AllArities, PoseidonArity, ::testing::Values(2, 4, 8, 11, 16, 24, 36));

TEST(PoseidonTest, ParametersOfTheFilecoinArities) {
  const PoseidonConstants& c8 = poseidon_constants(8);
  EXPECT_EQ(&c8, &poseidon_constants(8));  // cached
  EXPECT_EQ(c8.width, 9);
  EXPECT_EQ(c8.partial_rounds, 57);
  EXPECT_EQ(c8.domain_tag, Fr::from_u64(255));
  EXPECT_EQ(c8.round_constants.size(), 65u * 9u);
  EXPECT_EQ(c8.full_constants.size(), 8u * 9u);
  EXPECT_EQ(c8.sparse_row0.size(), 57u * 9u);
  EXPECT_EQ(c8.sparse_col0.size(), 57u * 8u);
  EXPECT_EQ(poseidon_constants(2).domain_tag, Fr::from_u64(3));
  EXPECT_EQ(poseidon_constants(11).domain_tag, Fr::from_u64(2047));
  EXPECT_EQ(poseidon_rounds(2).partial, 55);
  EXPECT_EQ(poseidon_rounds(2, PoseidonStrength::Strengthened).partial, 69);
}

TEST(PoseidonTest, MdsIsSymmetricCauchyAndInvertible) {
  const FrMatrix m = FrMatrix::cauchy(9);
  for (int i = 0; i < 9; ++i) {
    for (int j = 0; j < 9; ++j) {
      EXPECT_EQ(m.at(i, j), m.at(j, i));
      EXPECT_EQ(m.at(i, j) * Fr::from_u64(static_cast<std::uint64_t>(i + j + 9)), Fr::one());
    }
  }
  const FrMatrix prod = m * inverse(m);
  for (int i = 0; i < 9; ++i) {
    for (int j = 0; j < 9; ++j) EXPECT_EQ(prod.at(i, j), i == j ? Fr::one() : Fr());
  }
  FrMatrix singular(2);
  singular.at(0, 0) = singular.at(0, 1) = singular.at(1, 0) = singular.at(1, 1) = Fr::one();
  EXPECT_THROW((void)inverse(singular), Error);
}

TEST(PoseidonTest, GrainIsDeterministicAndChecksItsSeed) {
  GrainLfsr a(9, 8, 57), b(9, 8, 57), other(3, 8, 55);
  bool differs = false;
  for (int i = 0; i < 256; ++i) {
    const bool x = a.next_bit();
    EXPECT_EQ(x, b.next_bit());
    differs |= x != other.next_bit();
  }
  EXPECT_TRUE(differs);
  EXPECT_THROW(GrainLfsr(4096, 8, 57), Error);  // width has 12 bits
  EXPECT_THROW(GrainLfsr(9, 1024, 57), Error);  // R_F has 10 bits
}

TEST(PoseidonTest, Errors) {
  Fr in[3];
  EXPECT_THROW((void)poseidon_hash(in, 3), Error);
  EXPECT_THROW((void)poseidon_constants(0), Error);
  try {
    (void)poseidon_constants(5);
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Usage);
  }
  std::vector<std::uint8_t> bad(64, 0xff);  // ≥ p
  std::uint8_t out[32];
  try {
    poseidon_hash_bytes(bad.data(), 2, out);
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Corrupt);
  }
  EXPECT_THROW(poseidon_hash_many(bad.data(), 1, 2, out, 0), Error);
  std::vector<std::uint8_t> many_bad(32 * 2 * 1000, 0);
  many_bad[32 * 2 * 900 + 31] = 0xff;
  std::vector<std::uint8_t> many_out(32 * 1000);
  EXPECT_THROW(poseidon_hash_many(many_bad.data(), 1000, 2, many_out.data(), 2), Error);  // from a worker
}

TEST(PoseidonTest, ParallelRangesCoverEachIndexOnce) {
  for (int threads : {1, 2, 3, 8}) {
    for (std::uint64_t count : {0ull, 1ull, 5ull, 64ull, 1000ull, 4097ull}) {
      std::vector<std::atomic<int>> hits(count);
      parallel_ranges(count, threads, 16, [&](std::uint64_t b, std::uint64_t e) {
        for (std::uint64_t i = b; i < e; ++i) hits[i]++;
      });
      for (std::uint64_t i = 0; i < count; ++i) ASSERT_EQ(hits[i].load(), 1) << threads << " " << count;
    }
  }
  EXPECT_THROW(parallel_ranges(10, 0, 1, [](std::uint64_t, std::uint64_t) {}), Error);
}

}  // namespace
}  // namespace sa::kernels
