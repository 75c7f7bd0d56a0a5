// Feistel network precompute, encode and cycle-walking permute (proofs.md §3.3, §11.4).
#include "graph/feistel.hpp"

#include "base/error.hpp"
#include "graph/blake2b.hpp"

namespace sa::kernels {

namespace {
constexpr int kRounds = 3;  // only keys 0, 1, 2 are used
}

Feistel::Feistel(std::uint64_t num_elements, const std::array<std::uint64_t, 4>& keys)
    : num_elements_(num_elements), keys_(keys) {
  if (num_elements == 0 || num_elements > (std::uint64_t{1} << 36)) {
    throw Error(ErrorKind::Usage, "feistel: num_elements must be in 1..2^36");
  }
  // The smallest log4 >= 1 with 4^log4 >= num_elements.
  std::uint64_t pow4 = 4;
  while (pow4 < num_elements) {
    pow4 *= 4;
    ++half_bits_;
  }
  right_mask_ = (std::uint64_t{1} << half_bits_) - 1;
  const std::uint64_t values = std::uint64_t{1} << half_bits_;
  table_.resize(static_cast<std::size_t>(kRounds * values));
  for (int k = 0; k < kRounds; ++k) {
    for (std::uint64_t r = 0; r < values; ++r) {
      table_[static_cast<std::size_t>(static_cast<std::uint64_t>(k) * values + r)] =
          static_cast<std::uint32_t>(feistel_round_value(r, keys_[static_cast<std::size_t>(k)]) & right_mask_);
    }
  }
}

template <class RoundFn>
std::uint64_t Feistel::encode(std::uint64_t index, RoundFn round) const {
  std::uint64_t left = (index & left_mask()) >> half_bits_;
  std::uint64_t right = index & right_mask_;
  for (int k = 0; k < kRounds; ++k) {
    const std::uint64_t next_right = left ^ round(k, right);
    left = right;
    right = next_right;
  }
  return left << half_bits_ | right;
}

std::uint64_t Feistel::permute(std::uint64_t index) const {
  const auto round = [this](int k, std::uint64_t right) -> std::uint64_t {
    return table_[static_cast<std::size_t>((static_cast<std::uint64_t>(k) << half_bits_) | right)];
  };
  std::uint64_t u = encode(index, round);
  while (u >= num_elements_) u = encode(u, round);
  return u;
}

std::uint64_t Feistel::permute_direct(std::uint64_t index) const {
  const auto round = [this](int k, std::uint64_t right) {
    return feistel_round_value(right, keys_[static_cast<std::size_t>(k)]) & right_mask_;
  };
  std::uint64_t u = encode(index, round);
  while (u >= num_elements_) u = encode(u, round);
  return u;
}

}  // namespace sa::kernels
