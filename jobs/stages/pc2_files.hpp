// The files PC2 produces and how: the sealed file (written by every rank into "<sealed>.partial", renamed
// when complete), tree-c / tree-r-last per base tree (published atomically by their owner), and, on rank 0,
// p_aux, t_aux and the checksum manifest that C1, Unseal and Finalize trust.
#pragma once

#include <cstdint>
#include <vector>

#include "piece/commitment.hpp"
#include "publish/mapped_file.hpp"
#include "stages/pc2_compute.hpp"
#include "stages/sector_context.hpp"
#include "tree/tree_shape.hpp"

namespace sa::jobs {

struct Pc2Roots {
  kernels::Commitment comm_c;
  kernels::Commitment comm_r_last;
  kernels::Commitment comm_r;
};

class Pc2Files {
 public:
  Pc2Files(const SectorContext& s, const kernels::TreeShape& shape, std::uint32_t configured_rows_to_discard);
  ~Pc2Files();
  Pc2Files(const Pc2Files&) = delete;
  Pc2Files& operator=(const Pc2Files&) = delete;

  // Bytes of all tree files (for the free-space check).
  std::uint64_t tree_bytes() const;
  void create_sealed();  // rank 0, before the others open it
  void open_sealed();    // every rank
  void write_sealed(std::uint64_t offset, const std::uint8_t* data, std::size_t n);
  void sync_sealed();

  // A tree-c file being written: the caller puts the column hashes in its first leaves * 32 bytes.
  staging::MappedFile tree_c_buffer(int base_tree) const;
  void set_compute(const Pc2Compute* compute) { compute_ = compute; }
  kernels::Commitment write_tree_c(int base_tree, staging::MappedFile& file);
  kernels::Commitment write_tree_r_last(int base_tree, const std::uint8_t* replica);
  // Rank 0, after every base tree is written: compound roots, p_aux, t_aux, the sealed file under its final
  // name, and the "pc2" checksum manifest.
  Pc2Roots finish(const std::vector<kernels::Commitment>& roots_c, const std::vector<kernels::Commitment>& roots_r);

 private:
  const SectorContext& s_;
  kernels::TreeShape shape_;
  std::uint32_t rows_to_discard_;
  const Pc2Compute* compute_ = nullptr;
  std::filesystem::path sealed_partial_;
  int sealed_fd_ = -1;
};

// t_aux as rust-fil-proofs writes it: bincode (fixint, little-endian) of TemporaryAux: the label store
// configs, tree_d, tree_r_last and tree_c configs (proofs.md §9).
std::string t_aux_bytes(const SectorContext& s, const kernels::TreeShape& shape, std::uint64_t rows_to_discard);

}  // namespace sa::jobs
