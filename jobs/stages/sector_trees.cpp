// Opening a sector's cache for C1.
#include "stages/sector_trees.hpp"

#include "base/error.hpp"
#include "layout/cache_files.hpp"
#include "tree/stored_tree.hpp"
#include "tree/tree_d_proof.hpp"
#include "tree/tree_files.hpp"
#include "tree/tree_shape.hpp"

namespace sa::jobs {

namespace k = sa::kernels;

namespace {

staging::MappedFile must_map(const std::filesystem::path& p) {
  if (!std::filesystem::exists(p)) throw Error(ErrorKind::Usage, "missing " + p.string() + " (has PC2 run, or was the sector finalized?)");
  return staging::MappedFile::read_only(p);
}

// The rows_to_discard a tree-r-last file was written with, from its size (PC2 may have used
// FIL_PROOFS_ROWS_TO_DISCARD; the file says which).
std::uint32_t rows_of(std::uint64_t leaves, std::uint64_t file_bytes) {
  int height = 0;
  for (std::uint64_t n = leaves; n > 1; n /= 8) ++height;
  for (std::uint32_t r = 0; static_cast<int>(r) < height; ++r) {
    if (k::tree_r_last_file_bytes(leaves, r) == file_bytes) return r;
  }
  throw Error(ErrorKind::Corrupt, "a tree-r-last file has a size no rows_to_discard explains");
}

// PC1 here leaves the index; a real lotus-worker's PC1 only the .dat files.
staging::LayerFile open_layers(const SectorContext& s) {
  const auto index = s.cache / staging::layers_h5_name();
  if (std::filesystem::exists(index)) return staging::LayerFile::open(index, false);
  return staging::LayerFile::open_lotus(s.cache, s.nodes, s.layers);
}

}  // namespace

SectorTrees::SectorTrees(const SectorContext& s)
    : s_(s),
      layers_(open_layers(s)),
      tree_d_file_(must_map(s.cache / staging::tree_d_name())),
      sealed_(must_map(s.layout.sealed(s.id))) {
  const k::TreeShape shape = k::tree_shape(s.nodes);
  const std::uint64_t n = shape.leaves_per_base;
  if (sealed_.size() != s.sector_bytes) throw Error(ErrorKind::Corrupt, "sealed file of " + s.name + " has the wrong size");
  std::vector<k::StoredBaseTree> c_bases, r_bases;
  for (int j = 0; j < shape.base_trees; ++j) {
    tree_c_files_.push_back(must_map(s.cache / staging::tree_c_name(j, shape.base_trees)));
    tree_r_last_files_.push_back(must_map(s.cache / staging::tree_r_last_name(j, shape.base_trees)));
  }
  for (int j = 0; j < shape.base_trees; ++j) {
    const auto& c = tree_c_files_[static_cast<std::size_t>(j)];
    const auto& r = tree_r_last_files_[static_cast<std::size_t>(j)];
    c_bases.push_back(k::StoredBaseTree::from_tree_c_file(c.data(), c.size(), n));
    r_bases.push_back(k::StoredBaseTree::from_tree_r_last_file(r.data(), r.size(), sealed_.data() + static_cast<std::uint64_t>(j) * n * 32,
                                                               n, rows_of(n, r.size())));
  }
  tree_c_ = std::make_unique<k::CompoundTree>(shape, std::move(c_bases));
  tree_r_last_ = std::make_unique<k::CompoundTree>(shape, std::move(r_bases));
}

k::Commitment SectorTrees::label(int layer, std::uint64_t node) const {
  k::Commitment out{};
  layers_.read(layer, node, 1, out.data());
  return out;
}

k::MerkleProof SectorTrees::tree_d(std::uint64_t node) const {
  return k::prove_tree_d(tree_d_file_.data(), tree_d_file_.size(), s_.nodes, node);
}

k::MerkleProof SectorTrees::tree_c(std::uint64_t node) const { return tree_c_->prove(node); }
k::MerkleProof SectorTrees::tree_r_last(std::uint64_t node) const { return tree_r_last_->prove(node); }

}  // namespace sa::jobs
