// Batched Poseidon and the thread split it shares with the tree builders (see poseidon_batch.hpp).
#include "hash/poseidon_batch.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/error.hpp"
#include "hash/poseidon.hpp"

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

void poseidon_hash_many(const std::uint8_t* inputs, std::uint64_t count, int arity, std::uint8_t* out,
                        int threads) {
  const PoseidonConstants& c = poseidon_constants(arity);
  const std::uint64_t stride = 32 * static_cast<std::uint64_t>(arity);
  parallel_ranges(count, threads, 64, [&](std::uint64_t begin, std::uint64_t end) {
    std::array<Fr, 36> in;
    for (std::uint64_t i = begin; i < end; ++i) {
      const std::uint8_t* src = inputs + i * stride;
      for (int k = 0; k < arity; ++k) in[static_cast<std::size_t>(k)] = Fr::from_bytes_le(src + 32 * k);
      poseidon_hash(in.data(), c).to_bytes_le(out + 32 * i);
    }
  });
}

}  // namespace sa::kernels
