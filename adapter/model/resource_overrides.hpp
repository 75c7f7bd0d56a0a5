// Lotus's resource overrides from the environment (ParseResourceEnv; lotus.md §2):
//   <SHORT>_<SIZE>_<FIELD>, then <SHORT>_<FIELD>, then for PC1/UNS MAX_PARALLELISM the multicore-SDR rule
//   (FIL_PROOFS_USE_MULTICORE_SDR=1 -> FIL_PROOFS_MULTICORE_SDR_PRODUCERS (default 3) + 1).
// Unlike Lotus, a malformed value is an error (sa::Error, ErrorKind::Config) naming the variable, not a silent 0.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/resource_table.hpp"

namespace sa::adapter {

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The process environment (the only place the model reads getenv).
EnvLookup process_env();

// The table with every override applied; throws sa::Error on a malformed value.
ResourceTable apply_resource_overrides(ResourceTable table, const EnvLookup& env);

// Every override name Lotus would consult for the table (sized and unsized), for `resources --env`.
std::vector<std::string> resource_env_names(const ResourceTable& table);

}  // namespace sa::adapter
