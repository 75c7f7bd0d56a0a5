// Lotus's default resource table: every sealing task type x every registered seal proof (lotus.md §1.6),
// with the derived entries (UNS = PC1, GSK = RU, DC = AP 32GiB for every size, PR1 = C1, PR2 = C2) and the
// copies of V1 into V1_1 and SyntheticPoRep. NI-PoRep ids (15-19) are not in Lotus's table: they read as
// all-zero resources, as in Lotus.
#pragma once

#include <map>
#include <utility>

#include "model/resources.hpp"
#include "model/task_type.hpp"
#include "params/proof_type.hpp"

namespace sa::adapter {

class ResourceTable {
 public:
  // The table exactly as Lotus ships it.
  static ResourceTable lotus_default();

  // The entry for a task and proof type; all-zero when Lotus has none (FIN, FUS, FRU, DL, NI-PoRep ids).
  Resources get(TaskType t, params::SealProof p) const;
  bool has(TaskType t, params::SealProof p) const;
  void set(TaskType t, params::SealProof p, const Resources& r);

  const std::map<std::pair<TaskType, std::int64_t>, Resources>& entries() const { return entries_; }

 private:
  std::map<std::pair<TaskType, std::int64_t>, Resources> entries_;
};

}  // namespace sa::adapter
