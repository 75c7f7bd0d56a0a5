// Batched Poseidon and the thread split it shares with the tree builders (see poseidon_batch.hpp).
#include "hash/poseidon_batch.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/error.hpp"
#include "hash/poseidon.hpp"
#include "hash/poseidon_lanes.hpp"

namespace sa::kernels {

void check_thread_count(int threads) {
  if (threads < 1) throw Error(ErrorKind::Usage, "thread count must be at least 1, not " + std::to_string(threads));
}

void parallel_ranges(std::uint64_t count, int threads, std::uint64_t min_per_thread,
                     const std::function<void(std::uint64_t, std::uint64_t)>& fn) {
  check_thread_count(threads);
  if (count == 0) return;
  const std::uint64_t min_piece = min_per_thread == 0 ? 1 : min_per_thread;
  std::uint64_t pieces = std::min<std::uint64_t>(static_cast<std::uint64_t>(threads), count / min_piece);
  if (pieces <= 1) {
    fn(0, count);
    return;
  }
  std::exception_ptr first_error;
  std::mutex error_mutex;
  std::vector<std::thread> workers;
  workers.reserve(pieces - 1);
  auto run = [&](std::uint64_t begin, std::uint64_t end) {
    try {
      fn(begin, end);
    } catch (...) {
      const std::lock_guard<std::mutex> lock(error_mutex);
      if (!first_error) first_error = std::current_exception();
    }
  };
  for (std::uint64_t p = 1; p < pieces; ++p) {
    workers.emplace_back(run, count * p / pieces, count * (p + 1) / pieces);
  }
  run(0, count / pieces);
  for (auto& w : workers) w.join();
  if (first_error) std::rethrow_exception(first_error);
}

const char* poseidon_path_name(PoseidonPath path) { return path == PoseidonPath::Lanes ? "ifma-x8" : "scalar"; }

PoseidonPath poseidon_path_for(const char* env_value, bool cpu_has_lanes) {
  const std::string v = env_value == nullptr ? "" : env_value;
  if (v.empty() || v == "auto") return cpu_has_lanes ? PoseidonPath::Lanes : PoseidonPath::Scalar;
  if (v == "scalar") return PoseidonPath::Scalar;
  throw Error(ErrorKind::Usage, "SA_POSEIDON_PATH=" + v + " is not a Poseidon path: use auto or scalar");
}

PoseidonPath poseidon_default_path() {
  static const PoseidonPath path = poseidon_path_for(std::getenv("SA_POSEIDON_PATH"), cpu_has_ifma());
  return path;
}

namespace {

Fr::Limbs checked_node(const std::uint8_t* node) {
  const Fr::Limbs v = fr_detail::load_le(node);
  if (!fr_detail::is_canonical(v)) (void)Fr::from_canonical(v);  // throws the usual Corrupt error
  return v;
}

void hash_scalar(const std::uint8_t* const* inputs, int arity, std::uint64_t stride, std::uint64_t begin,
                 std::uint64_t end, std::uint8_t* out, const PoseidonConstants& c) {
  std::array<Fr, 36> in;
  for (std::uint64_t i = begin; i < end; ++i) {
    for (int k = 0; k < arity; ++k) in[static_cast<std::size_t>(k)] = Fr::from_bytes_le(inputs[k] + stride * i);
    poseidon_hash(in.data(), c).to_bytes_le(out + 32 * i);
  }
}

// Groups of eight; a last group of 2–7 runs with its spare lanes on zero inputs, a single hash runs scalar.
void hash_lanes(const std::uint8_t* const* inputs, int arity, std::uint64_t stride, std::uint64_t begin,
                std::uint64_t end, std::uint8_t* out, const PoseidonConstants& c) {
  const PoseidonLaneConstants& lc = poseidon_lane_constants(arity);
  std::vector<std::uint64_t> in(static_cast<std::size_t>(arity) * kLimbs52 * kPoseidonLanes);
  std::array<std::uint64_t, kLimbs52 * kPoseidonLanes> hashes{};
  std::uint64_t i = begin;
  for (; end - i >= 2; i += kPoseidonLanes) {
    const int lanes = static_cast<int>(std::min<std::uint64_t>(kPoseidonLanes, end - i));
    for (int l = 0; l < kPoseidonLanes; ++l) {
      for (int k = 0; k < arity; ++k) {
        const Limbs52 v = l < lanes ? to_limbs52(checked_node(inputs[k] + stride * (i + static_cast<std::uint64_t>(l))))
                                    : Limbs52{};
        for (int j = 0; j < kLimbs52; ++j) {
          in[static_cast<std::size_t>((kLimbs52 * k + j) * kPoseidonLanes + l)] = v[static_cast<std::size_t>(j)];
        }
      }
    }
    poseidon_hash_lanes_ifma(lc, in.data(), hashes.data());
    for (int l = 0; l < lanes; ++l) {
      Limbs52 h;
      for (int j = 0; j < kLimbs52; ++j) h[static_cast<std::size_t>(j)] = hashes[static_cast<std::size_t>(j * kPoseidonLanes + l)];
      fr_detail::store_le(from_limbs52(h), out + 32 * (i + static_cast<std::uint64_t>(l)));
    }
    if (lanes < kPoseidonLanes) return;
  }
  hash_scalar(inputs, arity, stride, i, end, out, c);
}

}  // namespace

void poseidon_hash_strided(const std::uint8_t* const* inputs, int arity, std::uint64_t stride, std::uint64_t count,
                           std::uint8_t* out, int threads, PoseidonPath path) {
  const PoseidonConstants& c = poseidon_constants(arity);
  const bool lanes = path == PoseidonPath::Lanes && cpu_has_ifma() && poseidon_lanes_support(arity);
  parallel_ranges(count, threads, 64, [&](std::uint64_t begin, std::uint64_t end) {
    if (lanes) {
      hash_lanes(inputs, arity, stride, begin, end, out, c);
    } else {
      hash_scalar(inputs, arity, stride, begin, end, out, c);
    }
  });
}

void poseidon_hash_many(const std::uint8_t* inputs, std::uint64_t count, int arity, std::uint8_t* out, int threads,
                        PoseidonPath path) {
  (void)poseidon_constants(arity);  // a bad arity is a usage error before the 36-entry array below is filled
  std::array<const std::uint8_t*, 36> starts{};
  for (int k = 0; k < arity; ++k) starts[static_cast<std::size_t>(k)] = inputs + 32 * static_cast<std::uint64_t>(k);
  poseidon_hash_strided(starts.data(), arity, 32 * static_cast<std::uint64_t>(arity), count, out, threads, path);
}

}  // namespace sa::kernels
