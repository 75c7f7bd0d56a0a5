// The workers view (`sealadapter workers`, Sealadapter.Workers): on a Slurm site every node of its
// partitions as Slurm sees it, with our tasks on it; on a local site each partition with what our running
// jobs requested. JSON, in one shape for the CLI and the API.
#pragma once

#include <nlohmann/json.hpp>

#include "backend/backend.hpp"
#include "config/site_config.hpp"
#include "store/store.hpp"

namespace sa::adapter {

nlohmann::json workers_view(Store& store, const SiteConfig& site, Backend& backend);

}  // namespace sa::adapter
