// Grain LFSR round-constant generator (proofs.md §7.1), bit for bit as the Poseidon reference script:
// 160 warm-up steps, then self-shrinking pairs, 255-bit big-endian draws with rejection above p.
#include "hash/poseidon_grain.hpp"

#include <string>

#include "base/error.hpp"

namespace sa::kernels {
namespace {

// Appends `value` as `nbits` bits, most significant first.
void push_bits(std::array<std::uint8_t, 80>& bits, int& n, int value, int nbits, const char* name) {
  if (value < 0 || value >= (1 << nbits)) {
    throw Error(ErrorKind::Usage, std::string("grain: ") + name + " = " + std::to_string(value) +
                                      " does not fit in " + std::to_string(nbits) + " bits");
  }
  for (int b = nbits - 1; b >= 0; --b) bits[static_cast<std::size_t>(n++)] = static_cast<std::uint8_t>((value >> b) & 1);
}

}  // namespace

GrainLfsr::GrainLfsr(int width, int full_rounds, int partial_rounds, int field, int sbox, int field_size)
    : field_size_(field_size) {
  if (field_size < 1 || field_size > 256) throw Error(ErrorKind::Usage, "grain: field_size must be 1..256");
  int n = 0;
  push_bits(bits_, n, field, 2, "field");
  push_bits(bits_, n, sbox, 4, "sbox");
  push_bits(bits_, n, field_size, 12, "field_size");
  push_bits(bits_, n, width, 12, "width");
  push_bits(bits_, n, full_rounds, 10, "R_F");
  push_bits(bits_, n, partial_rounds, 10, "R_P");
  while (n < 80) bits_[static_cast<std::size_t>(n++)] = 1;
  for (int i = 0; i < 160; ++i) next_raw_bit();
}

bool GrainLfsr::next_raw_bit() {
  auto at = [this](int k) { return bits_[static_cast<std::size_t>((pos_ + k) % 80)]; };
  const std::uint8_t b = at(62) ^ at(51) ^ at(38) ^ at(23) ^ at(13) ^ at(0);
  bits_[static_cast<std::size_t>(pos_)] = b;  // b[0] leaves, the new bit becomes b[79]
  pos_ = (pos_ + 1) % 80;
  return b != 0;
}

bool GrainLfsr::next_bit() {
  for (;;) {
    const bool first = next_raw_bit();
    const bool second = next_raw_bit();
    if (first) return second;
  }
}

Fr GrainLfsr::next_field_element() {
  for (;;) {
    Fr::Limbs v{};
    for (int i = field_size_ - 1; i >= 0; --i) {
      if (next_bit()) v[static_cast<std::size_t>(i / 64)] |= std::uint64_t{1} << (i % 64);
    }
    if (fr_detail::is_canonical(v)) return Fr::from_canonical(v);
  }
}

std::vector<Fr> grain_round_constants(int width, int full_rounds, int partial_rounds) {
  GrainLfsr grain(width, full_rounds, partial_rounds);
  std::vector<Fr> rc(static_cast<std::size_t>((full_rounds + partial_rounds) * width));
  for (auto& c : rc) c = grain.next_field_element();
  return rc;
}

}  // namespace sa::kernels
