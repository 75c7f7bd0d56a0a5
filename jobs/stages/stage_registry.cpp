// The table of stages sa-job can run.
#include "stages/stage.hpp"

namespace sa::jobs {

nlohmann::json run_addpiece(StageContext& ctx);

const std::vector<StageInfo>& stages() {
  static const std::vector<StageInfo> all = {
      {"addpiece", "Fr32-pad pieces into the sector's unsealed file and compute their commitments (AP)",
       run_addpiece},
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
