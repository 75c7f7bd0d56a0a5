// Chunked layer checksums.
#include "stages/layer_io.hpp"

#include "base/error.hpp"
#include "publish/checksum.hpp"

namespace sa::jobs {

namespace {
void require_aligned(const SectorContext& s, std::uint64_t first, std::uint64_t count) {
  std::uint64_t c = s.chunk_nodes();
  if (first % c != 0 || (count % c != 0 && first + count != s.nodes)) {
    throw Error(ErrorKind::Internal, "layer range is not chunk-aligned");
  }
}
}  // namespace

void write_layer_checked(staging::LayerFile& file, const SectorContext& s, int layer, std::uint64_t first,
                         std::uint64_t count, const std::uint8_t* data, staging::ChecksumManifest& m) {
  require_aligned(s, first, count);
  file.write(layer, first, count, data);
  const std::uint64_t c = s.chunk_nodes();
  for (std::uint64_t off = 0; off < count; off += c) {
    std::uint64_t n = std::min(c, count - off);
    m.add({layer_chunk_entry(s, layer, (first + off) / c), n * 32, staging::checksum_bytes(data + off * 32, n * 32)});
  }
}

void read_layer_checked(const staging::LayerFile& file, const SectorContext& s, const staging::ChecksumManifest& pc1,
                        int layer, std::uint64_t first, std::uint64_t count, std::uint8_t* out) {
  require_aligned(s, first, count);
  file.read(layer, first, count, out);
  const std::uint64_t c = s.chunk_nodes();
  for (std::uint64_t off = 0; off < count; off += c) {
    std::uint64_t n = std::min(c, count - off);
    std::string entry = layer_chunk_entry(s, layer, (first + off) / c);
    const staging::ManifestEntry* e = pc1.find(entry);
    if (!e) throw Error(ErrorKind::Corrupt, "PC1's checksum manifest does not list " + entry);
    if (e->size != n * 32 || e->checksum != staging::checksum_bytes(out + off * 32, n * 32)) {
      throw Error(ErrorKind::Corrupt, "layer " + std::to_string(layer) + " of " + s.name + ", nodes " +
                                          std::to_string(first + off) + "..: checksum mismatch (corrupted since PC1)");
    }
  }
}

}  // namespace sa::jobs
