// Sector size → Poseidon tree shape (proofs.md §1.1 table; filecoin-proofs constants.rs, whose sector shape
// types are SectorShapeBase = LCTree<U8, U0, U0>, Sub2 = <U8, U2, U0>, Sub8 = <U8, U8, U0>, Top2 = <U8, U8, U2>).
#include "tree/tree_shape.hpp"

#include <bit>
#include <string>

#include "base/error.hpp"

namespace sa::kernels {
namespace {

struct ShapeRow {
  std::uint64_t nodes;
  int sub_arity;
  int top_arity;
};

constexpr std::uint64_t kKiB = 1024 / 32, kMiB = kKiB << 10, kGiB = kMiB << 10;  // nodes per unit

constexpr ShapeRow kShapes[] = {
    {2 * kKiB, 0, 0},   {4 * kKiB, 2, 0},   {16 * kKiB, 8, 0}, {32 * kKiB, 8, 2},  {8 * kMiB, 0, 0},
    {16 * kMiB, 2, 0},  {512 * kMiB, 0, 0}, {1 * kGiB, 2, 0},  {32 * kGiB, 8, 0},  {64 * kGiB, 8, 2},
};

}  // namespace

int TreeShape::base_height() const { return std::countr_zero(leaves_per_base) / 3; }

TreeShape tree_shape(std::uint64_t sector_nodes) {
  for (const ShapeRow& row : kShapes) {
    if (row.nodes != sector_nodes) continue;
    TreeShape s;
    s.sub_arity = row.sub_arity;
    s.top_arity = row.top_arity;
    s.base_trees = (row.sub_arity ? row.sub_arity : 1) * (row.top_arity ? row.top_arity : 1);
    s.leaves_per_base = sector_nodes / static_cast<std::uint64_t>(s.base_trees);
    return s;
  }
  throw Error(ErrorKind::Usage, "no Poseidon tree shape for a sector of " + std::to_string(sector_nodes) +
                                    " nodes (supported: 2KiB, 4KiB, 16KiB, 32KiB, 8MiB, 16MiB, 512MiB, 1GiB, "
                                    "32GiB, 64GiB)");
}

const char* tree_shape_name(const TreeShape& shape) {
  if (shape.sub_arity == 0) return "8-0-0";
  if (shape.sub_arity == 2) return "8-2-0";
  return shape.top_arity == 2 ? "8-8-2" : "8-8-0";
}

}  // namespace sa::kernels
