// Bench measurements (bench_measures.hpp). Inputs are fixed pseudo-random field elements, so runs compare.
#include "stages/bench_measures.hpp"

#include <algorithm>
#include <chrono>
#include <random>

#include "field/fr.hpp"
#include "tree/column_hash.hpp"
#include "tree/poseidon_tree.hpp"

namespace sa::jobs {

namespace k = sa::kernels;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::vector<std::uint8_t> field_nodes(std::uint64_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::uint8_t> out(32 * n);
  for (std::uint64_t i = 0; i < n; ++i) {
    const k::Fr::Limbs v = {rng(), rng(), rng(), rng() >> 3};  // < 2^253 < p
    k::fr_detail::store_le(v, out.data() + 32 * i);
  }
  return out;
}

}  // namespace

double Samples::median() const {
  if (v_.empty()) return 0;
  std::vector<double> s = v_;
  std::sort(s.begin(), s.end());
  const std::size_t n = s.size();
  return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

double Samples::min() const { return v_.empty() ? 0 : *std::min_element(v_.begin(), v_.end()); }
double Samples::max() const { return v_.empty() ? 0 : *std::max_element(v_.begin(), v_.end()); }

nlohmann::json Samples::to_json() const {
  return {{"median", median()}, {"min", min()}, {"max", max()}, {"samples", v_}};
}

double fr_mul_chain_ns(bool adx, double budget) {
  const k::Fr::Limbs y = k::Fr::from_u64(0x1234567890abcdefull).pow(977).montgomery();
  k::Fr::Limbs x = k::Fr::from_u64(3).montgomery();
  constexpr int kChunk = 1 << 16;
  std::uint64_t muls = 0;
  const auto t0 = Clock::now();
  do {
    if (adx) {
      for (int i = 0; i < kChunk; ++i) x = k::fr_detail::mont_mul_adx(x, y);
    } else {
      for (int i = 0; i < kChunk; ++i) x = k::fr_detail::mont_mul_portable(x, y);
    }
    muls += kChunk;
  } while (seconds_since(t0) < budget);
  const double ns = seconds_since(t0) * 1e9 / static_cast<double>(muls);
  volatile std::uint64_t sink = x[0];  // keeps the chain
  (void)sink;
  return ns;
}

double poseidon_hashes_per_second(int arity, k::PoseidonPath path, double budget) {
  const std::uint64_t batch = 1024;
  const auto in = field_nodes(batch * static_cast<std::uint64_t>(arity), 7);
  std::vector<std::uint8_t> out(batch * 32);
  std::uint64_t hashes = 0;
  const auto t0 = Clock::now();
  do {
    k::poseidon_hash_many(in.data(), batch, arity, out.data(), 1, path);
    hashes += batch;
  } while (seconds_since(t0) < budget);
  return static_cast<double>(hashes) / seconds_since(t0);
}

double pc2_compute_seconds(std::uint64_t nodes, int layers, int threads) {
  std::vector<std::vector<std::uint8_t>> data;
  std::vector<const std::uint8_t*> ptrs;
  for (int l = 0; l < layers; ++l) data.push_back(field_nodes(nodes, 100 + static_cast<std::uint64_t>(l)));
  for (const auto& d : data) ptrs.push_back(d.data());
  std::vector<std::uint8_t> columns(32 * nodes), above(32 * k::base_tree_nodes_above_leaves(nodes));
  const auto t0 = Clock::now();
  k::column_hashes(ptrs.data(), layers, 0, nodes, columns.data(), threads);
  (void)k::build_base_tree(columns.data(), nodes, above.data(), threads);       // tree_c
  (void)k::build_base_tree(data.back().data(), nodes, above.data(), threads);   // tree_r_last (replica ≈ last layer)
  return seconds_since(t0);
}

}  // namespace sa::jobs
