// SDR layers in one HDF5 file per sector: dataset "layer-<l>" (l = 1..L) of N x 32 bytes, contiguous and
// unfilled, so a rank reads or writes exactly its own node range (PC2 ranks read their base trees' slices of
// every layer). With `parallel`, the file is opened through MPI-IO by every rank of MPI_COMM_WORLD (create,
// open and close are collective); without it, by this process alone.
// A new file is written under "<name>.partial" and renamed by publish(), so a reader never sees half a file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>

namespace sa::staging {

class LayerFile {
 public:
  static LayerFile create(const std::filesystem::path& path, std::uint64_t nodes, int layers, bool parallel);
  static LayerFile open(const std::filesystem::path& path, bool parallel);
  ~LayerFile();
  LayerFile(LayerFile&&) noexcept;
  LayerFile& operator=(LayerFile&&) noexcept;

  std::uint64_t nodes() const;
  int layers() const;
  // layer is 1-based; [first, first + count) nodes; 32 bytes each.
  void write(int layer, std::uint64_t first, std::uint64_t count, const std::uint8_t* data);
  void read(int layer, std::uint64_t first, std::uint64_t count, std::uint8_t* out) const;
  // Closes the file and (rank 0) renames "<name>.partial" to its final name; collective when parallel.
  void publish();

 private:
  struct Impl;
  explicit LayerFile(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sa::staging
