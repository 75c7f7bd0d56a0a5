// One [[partition]] table of the site file -> Partition (site/README.md "Partitions"). Private to
// adapter/config.
#pragma once

#include "config/site_config.hpp"
#include "config/toml_reader.hpp"

namespace sa::adapter::detail {

// Reads and checks one partition. Cross-partition checks (duplicate names) and the [allow] filter are the
// caller's. Throws sa::Error(Config) "FILE:LINE: ...".
Partition parse_partition(const TomlTable& table, BackendKind backend, const std::filesystem::path& base_dir);

}  // namespace sa::adapter::detail
