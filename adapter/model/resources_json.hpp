// Resources in Lotus's JSON shape (storiface.Resources as it travels in WorkerInfo.Resources.Resources and
// the generated api-methods-worker.md; lotus.md §1.1, §5.4): keys are the Go field names.
#pragma once

#include <nlohmann/json.hpp>

#include "model/resources.hpp"

namespace sa::adapter {

// {"MinMemory":..,"MaxMemory":..,"GPUUtilization":..,"MaxParallelism":..,"MaxParallelismGPU":..,
//  "BaseMinMemory":..,"MaxConcurrent":..}
nlohmann::json to_lotus_json(const Resources& r);

// The inverse; missing keys keep their zero default (Go's decoder does the same). Throws sa::Error(Corrupt)
// when a key has the wrong JSON type.
Resources resources_from_lotus_json(const nlohmann::json& j);

}  // namespace sa::adapter
