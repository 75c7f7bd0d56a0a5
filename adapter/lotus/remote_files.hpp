// Lotus's sector-file server on the worker's listener (lotus.md §7.5): the miner and other workers fetch a
// sector's files from the URL declared in StorageAttach (<own url>/remote). Admin token required, as
// Lotus does.
//   GET    /remote/<type>/<sector>   a file (application/octet-stream, Range supported) or a cache folder
//                                    (application/x-tar of its files)
//   DELETE /remote/<type>/<sector>   removes it
//   GET    /remote/stat/<storage id> the storage's FsStat
//   GET    /remote/unsealed/<sector>/<proof>/allocated/<offset>/<size>
//                                    200 when that unpadded range of the partial file is allocated, else 416
// <type> is unsealed, sealed, cache, update or update-cache; <sector> is s-t0<miner>-<number>. Nothing else
// is served, so no path outside the storage can be named.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "service/rpc_server.hpp"

namespace sa::adapter::lotus {

void add_remote_routes(RpcServer& server, const std::filesystem::path& storage_dir, const std::string& storage_id,
                       std::function<nlohmann::json()> fs_stat);

}  // namespace sa::adapter::lotus
