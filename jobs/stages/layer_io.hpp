// Reading and writing SDR layers with per-chunk checksums: PC1 records a checksum for every chunk it writes
// (kLayerChunkNodes nodes), and PC2/Unseal verify each chunk they read, so a corrupted or truncated layer
// is refused before it turns into a wrong CommR.
#pragma once

#include <cstdint>

#include "hdf5/layer_file.hpp"
#include "publish/checksum_manifest.hpp"
#include "stages/sector_context.hpp"

namespace sa::jobs {

// Writes nodes [first, first + count) of `layer` (chunk-aligned) and adds their chunk checksums to `m`.
void write_layer_checked(staging::LayerFile& file, const SectorContext& s, int layer, std::uint64_t first,
                         std::uint64_t count, const std::uint8_t* data, staging::ChecksumManifest& m);

// Reads nodes [first, first + count) of `layer` (chunk-aligned) and verifies every chunk against `pc1`.
// Throws sa::Error(Corrupt) naming the layer and chunk.
void read_layer_checked(const staging::LayerFile& file, const SectorContext& s, const staging::ChecksumManifest& pc1,
                        int layer, std::uint64_t first, std::uint64_t count, std::uint8_t* out);

}  // namespace sa::jobs
