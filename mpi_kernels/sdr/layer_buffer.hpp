// LayerBuffer: one SDR layer of labels in anonymous memory (nodes·32 bytes; 32 GiB for a 32GiB sector),
// with transparent huge pages requested: parent reads are random, and 2 MiB pages cut the TLB misses of
// the producers' gathers (proofs.md §4.1 keeps two such layers: current and previous).
#pragma once

#include <cstddef>
#include <cstdint>

namespace sa::kernels {

class LayerBuffer {
 public:
  // Throws sa::Error(Resource) when the memory cannot be mapped. Contents start zeroed.
  explicit LayerBuffer(std::uint64_t bytes);
  LayerBuffer(LayerBuffer&& other) noexcept;
  LayerBuffer& operator=(LayerBuffer&& other) noexcept;
  LayerBuffer(const LayerBuffer&) = delete;
  LayerBuffer& operator=(const LayerBuffer&) = delete;
  ~LayerBuffer();

  std::uint8_t* data() { return data_; }
  const std::uint8_t* data() const { return data_; }
  std::uint64_t size() const { return bytes_; }

 private:
  std::uint8_t* data_ = nullptr;
  std::uint64_t bytes_ = 0;
};

}  // namespace sa::kernels
