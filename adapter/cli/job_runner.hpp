// Runs one sa-job stage right here, synchronously, outside the batch system: for short checks the adapter
// itself needs (verifying C1's proofs before Finalize). Manifest, result and log go to `dir`.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "contract/job_result.hpp"

namespace sa::adapter {

jobs::JobResult run_job_here(const std::filesystem::path& job_binary, const std::filesystem::path& dir,
                             const std::string& stage, std::uint64_t miner, std::uint64_t sector, std::int64_t proof,
                             const std::filesystem::path& storage, const nlohmann::json& inputs);

}  // namespace sa::adapter
