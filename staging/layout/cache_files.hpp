// Names of the files in a sector's cache directory, in one place (proofs.md §9; Lotus tarutil): Filecoin's
// merkletree store names ("sc-02-data-<id>.dat"), p_aux / t_aux, and sealadapter's own HDF5 layer file.
// "-<j>" suffixes only appear when a sector has more than one base tree.
#pragma once

#include <string>

namespace sa::staging {

std::string layer_dat_name(int layer);                     // sc-02-data-layer-<l>.dat
std::string tree_d_name();                                 // sc-02-data-tree-d.dat
std::string tree_c_name(int base_tree, int base_trees);    // sc-02-data-tree-c[-j].dat
std::string tree_r_last_name(int base_tree, int base_trees);  // sc-02-data-tree-r-last[-j].dat
inline std::string p_aux_name() { return "p_aux"; }
inline std::string t_aux_name() { return "t_aux"; }
inline std::string layers_h5_name() { return "sc-02-data-layers.h5"; }
// C1's output: Filecoin's Commit1Out (docs/08-filecoin-formats.md).
inline std::string commit1_out_name() { return "commit1-out.json"; }
// What Finalize keeps: tree-r-last*, p_aux, t_aux (as rust-fil-proofs clear_cache_dir), and the Commit1Out,
// which a miner keeps for C2 (Lotus holds it in its sector state; here C2 or `export commit1` may come
// after Finalize). WindowPoSt reads only the first three.
bool kept_by_finalize(const std::string& file_name);

}  // namespace sa::staging
