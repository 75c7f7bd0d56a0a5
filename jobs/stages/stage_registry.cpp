// The table of stages sa-job can run.
#include "stages/stage.hpp"

namespace sa::jobs {

nlohmann::json run_addpiece(StageContext& ctx);
nlohmann::json run_pc1(StageContext& ctx);
nlohmann::json run_pc2(StageContext& ctx);
nlohmann::json run_c1(StageContext& ctx);
nlohmann::json run_verify(StageContext& ctx);
nlohmann::json run_c2(StageContext& ctx);
nlohmann::json run_unseal(StageContext& ctx);
nlohmann::json run_finalize(StageContext& ctx);
nlohmann::json run_bench(StageContext& ctx);

const std::vector<StageInfo>& stages() {
  static const std::vector<StageInfo> all = {
      {"addpiece", "Fr32-pad pieces into the sector's unsealed file and compute their commitments (AP)",
       run_addpiece},
      {"pc1", "PreCommit1: tree_d, replica_id and every SDR layer (HDF5, per-chunk checksums)", run_pc1},
      {"pc2", "PreCommit2: tree_c, the sealed replica, tree_r_last, comm_r, p_aux, t_aux", run_pc2},
      {"c1", "Commit1: interactive challenges and vanilla proofs, verified before they are published", run_c1},
      {"c2", "Commit2: the site's prover turns the Commit1Out into the Groth16 proof (192 bytes per partition)", run_c2},
      {"verify", "Verify Commit1's vanilla proofs against comm_d and comm_r, independently of C1", run_verify},
      {"unseal", "Unseal: regenerate the key and decode the sealed replica back to the original bytes", run_unseal},
      {"finalize", "Finalize: keep tree-r-last, p_aux and t_aux; free the rest of the cache", run_finalize},
      {"bench", "Kernel rates on this machine: SHA-256, PC1 labels, Poseidon (for sealadapter bench)", run_bench},
  };
  return all;
}

const StageInfo* find_stage(std::string_view name) {
  for (const auto& s : stages()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

}  // namespace sa::jobs
