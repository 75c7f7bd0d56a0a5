// Cache file names.
#include "layout/cache_files.hpp"

namespace sa::staging {

std::string layer_dat_name(int layer) { return "sc-02-data-layer-" + std::to_string(layer) + ".dat"; }
std::string tree_d_name() { return "sc-02-data-tree-d.dat"; }

std::string tree_c_name(int base_tree, int base_trees) {
  return base_trees > 1 ? "sc-02-data-tree-c-" + std::to_string(base_tree) + ".dat" : "sc-02-data-tree-c.dat";
}

std::string tree_r_last_name(int base_tree, int base_trees) {
  return base_trees > 1 ? "sc-02-data-tree-r-last-" + std::to_string(base_tree) + ".dat" : "sc-02-data-tree-r-last.dat";
}

bool kept_by_finalize(const std::string& name) {
  return name == p_aux_name() || name == t_aux_name() || name == commit1_out_name() ||
         name.rfind("sc-02-data-tree-r-last", 0) == 0;
}

}  // namespace sa::staging
