// Streaming Fr32 padding: raw chunks of any size in, padded bytes out, as rust-fil-proofs
// fr32/src/reader.rs Fr32Reader produces them (proofs.md §6.2). Whole quads are emitted as soon as they are
// complete; finish() emits the zero-extended tail rounded up to whole 32-byte nodes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "field/fr32.hpp"

namespace sa::kernels {

class Fr32Padder {
 public:
  // The most bytes write() can emit for n more raw bytes (whole quads only).
  std::size_t max_output(std::size_t n) const { return (pending_ + n) / kFr32QuadRaw * kFr32QuadPadded; }

  // Consume n raw bytes; write the padded bytes of every quad completed to out (room: max_output(n)).
  // Returns the bytes written, a multiple of 128. Keeps the < 127-byte remainder.
  std::size_t write(const std::uint8_t* raw, std::size_t n, std::uint8_t* out);
  // Emit the remainder, zero-extended, padded and cut to to_padded_bytes(remainder) rounded up to a
  // multiple of 32 (0 when nothing is pending); out needs room for 128 bytes. The counters stay readable;
  // call reset() before padding another stream.
  std::size_t finish(std::uint8_t* out);
  void reset();

  // Same, appending to a vector.
  void write(const std::uint8_t* raw, std::size_t n, std::vector<std::uint8_t>& out);
  void finish(std::vector<std::uint8_t>& out);

  std::uint64_t raw_bytes() const { return raw_total_; }        // consumed since the last reset()
  std::uint64_t padded_bytes() const { return padded_total_; }  // emitted since the last reset()

 private:
  std::array<std::uint8_t, kFr32QuadRaw> pending_bytes_{};
  std::size_t pending_ = 0;
  std::uint64_t raw_total_ = 0;
  std::uint64_t padded_total_ = 0;
};

}  // namespace sa::kernels
