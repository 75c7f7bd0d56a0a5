// ChaCha8 keystream generator exactly as rand_chacha 0.3 ChaCha8Rng (proofs.md §3.2, §11.5): the original
// djb ChaCha with 8 rounds, a 64-bit block counter in words 12–13 starting at 0 and stream id 0 in words
// 14–15. next_u32() reads the keystream word by word; next_u64() is the next two words, low word first.
// Used to draw the DRG (bucket sampling) base parents of the SDR graph.
#pragma once

#include <array>
#include <cstdint>

namespace sa::kernels {

class ChaCha8Rng {
 public:
  // The 32-byte seed is the key, read as 8 little-endian words (rand_chacha's from_seed).
  explicit ChaCha8Rng(const std::array<std::uint8_t, 32>& seed);

  std::uint32_t next_u32();
  std::uint64_t next_u64();
  // The keystream block `counter` (64 bytes) without touching the generator's position.
  void block(std::uint64_t counter, std::uint8_t out[64]) const;

 private:
  void refill();

  std::array<std::uint32_t, 8> key_{};
  std::array<std::uint32_t, 16> buffer_{};
  std::uint64_t counter_ = 0;  // the next block to generate
  unsigned index_ = 16;        // next unread word of buffer_
};

// One ChaCha8 block for key/counter (stream id 0), as 16 output words; exposed for tests and the DRG.
void chacha8_block(const std::array<std::uint32_t, 8>& key, std::uint64_t counter, std::uint32_t out[16]);

}  // namespace sa::kernels
