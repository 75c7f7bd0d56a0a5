// SDR layers as Lotus's PC1 leaves them: one raw file per layer, "sc-02-data-layer-<l>.dat" (N × 32-byte
// labels, no header) beside the sector's other cache files, so a real lotus-worker can run PC2 on them. An
// HDF5 index, "sc-02-data-layers.h5", describes them: dataset "layer-<l>" of N × 32 bytes whose storage is
// that .dat file (HDF5 external storage), so HDF5 tools read the layers in place and nothing is held twice.
// The bytes move with pread/pwrite on the .dat files, which lets every MPI rank read or write its own node
// range of every layer at once. The index is written under "<name>.partial" and renamed by publish(): a
// cache without the index has no finished layers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>

namespace sa::staging {

class LayerFile {
 public:
  // `index` is the .h5 path; the .dat files go in its directory. With `parallel`, create and publish are
  // collective over MPI_COMM_WORLD (rank 0 makes the files) and every rank may write.
  static LayerFile create(const std::filesystem::path& index, std::uint64_t nodes, int layers, bool parallel);
  // Reads the index and opens the .dat files it names; each must be exactly N × 32 bytes.
  static LayerFile open(const std::filesystem::path& index, bool parallel);
  // The layers of a cache that has only the .dat files (a real lotus-worker's PC1): `layers` files of
  // `nodes` × 32 bytes each in `dir`.
  static LayerFile open_lotus(const std::filesystem::path& dir, std::uint64_t nodes, int layers);
  ~LayerFile();
  LayerFile(LayerFile&&) noexcept;
  LayerFile& operator=(LayerFile&&) noexcept;

  std::uint64_t nodes() const;
  int layers() const;
  // layer is 1-based; [first, first + count) nodes; 32 bytes each.
  void write(int layer, std::uint64_t first, std::uint64_t count, const std::uint8_t* data);
  void read(int layer, std::uint64_t first, std::uint64_t count, std::uint8_t* out) const;
  // Syncs the .dat files and (rank 0) renames "<index>.partial" to the index; collective when parallel.
  void publish();

 private:
  struct Impl;
  explicit LayerFile(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sa::staging
