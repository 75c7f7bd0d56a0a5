// Read access to a sealed sector's cache for proving (C1): the HDF5 layers, tree_d, and the compound
// tree_c and tree_r_last built from the cache files and the sealed replica, all memory-mapped. Integrity
// comes from the commitments: every proof built from these files is checked against comm_d / comm_r.
#pragma once

#include <memory>
#include <vector>

#include "hdf5/layer_file.hpp"
#include "publish/mapped_file.hpp"
#include "stages/sector_context.hpp"
#include "tree/compound_tree.hpp"
#include "vanilla/vanilla_proof.hpp"

namespace sa::jobs {

class SectorTrees final : public kernels::ProverData {
 public:
  explicit SectorTrees(const SectorContext& s);

  kernels::Commitment label(int layer, std::uint64_t node) const override;
  kernels::MerkleProof tree_d(std::uint64_t node) const override;
  kernels::MerkleProof tree_c(std::uint64_t node) const override;
  kernels::MerkleProof tree_r_last(std::uint64_t node) const override;

  kernels::Commitment comm_c() const { return tree_c_->root(); }
  kernels::Commitment comm_r_last() const { return tree_r_last_->root(); }

 private:
  const SectorContext& s_;
  staging::LayerFile layers_;
  staging::MappedFile tree_d_file_;
  staging::MappedFile sealed_;
  std::vector<staging::MappedFile> tree_c_files_;
  std::vector<staging::MappedFile> tree_r_last_files_;
  std::unique_ptr<kernels::CompoundTree> tree_c_;
  std::unique_ptr<kernels::CompoundTree> tree_r_last_;
};

}  // namespace sa::jobs
