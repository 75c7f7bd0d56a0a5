// LayerBuffer over mmap(MAP_ANONYMOUS) + madvise(MADV_HUGEPAGE); the advice is best effort.
#include "sdr/layer_buffer.hpp"

#include <sys/mman.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "base/error.hpp"

namespace sa::kernels {

LayerBuffer::LayerBuffer(std::uint64_t bytes) : bytes_(bytes) {
  if (bytes == 0) return;
  void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    throw Error(ErrorKind::Resource,
                "cannot allocate an SDR layer of " + std::to_string(bytes) + " bytes: " + std::strerror(errno));
  }
#ifdef MADV_HUGEPAGE
  ::madvise(p, bytes, MADV_HUGEPAGE);
#endif
  data_ = static_cast<std::uint8_t*>(p);
}

LayerBuffer::LayerBuffer(LayerBuffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), bytes_(std::exchange(other.bytes_, 0)) {}

LayerBuffer& LayerBuffer::operator=(LayerBuffer&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr) ::munmap(data_, bytes_);
    data_ = std::exchange(other.data_, nullptr);
    bytes_ = std::exchange(other.bytes_, 0);
  }
  return *this;
}

LayerBuffer::~LayerBuffer() {
  if (data_ != nullptr) ::munmap(data_, bytes_);
}

}  // namespace sa::kernels
