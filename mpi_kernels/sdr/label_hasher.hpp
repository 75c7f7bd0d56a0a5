// The hashing thread's kernel: SHA-256 compressions run directly on an assembled node (proofs.md §4.1),
// continuing from the state after the prefix block (the producers compress the prefix, which needs no
// parent), so the serial chain per node is 19 compressions. Layer 1 = 6 × (3 blocks of base parents) +
// tail; later layers = 2 × (7 blocks of 14 parents) + 4 blocks (parents 0..7) + tail. The tail block is
// parent 0 (layer 1) or parent 8 (later layers) followed by the padding of label_tail_padding().
#pragma once

#include <cstdint>

namespace sa::kernels::detail {

// parents: 6·32 (layer 1) or 14·32 bytes; out receives trunc254 of the digest (32 bytes).
using LabelHashFn = void (*)(const std::uint32_t prefix_state[8], const std::uint8_t* parents,
                             const std::uint8_t tail[64], std::uint8_t out[32]);

struct LabelHashers {
  LabelHashFn layer1;
  LabelHashFn expander;  // layers >= 2
};

// SHA-NI when the CPU has it, else the portable compression. Thread-safe.
LabelHashers label_hashers();

LabelHashers label_hashers_portable();
LabelHashers label_hashers_shani();  // only call when sha_ni_available()

}  // namespace sa::kernels::detail
