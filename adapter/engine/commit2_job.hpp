// What a C2 job gets besides its task's inputs: the partition's prover and the parameter cache, checked
// before submission so that missing parameters fail the task at once (a permanent error naming the file)
// instead of after hours in a GPU queue.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "config/site_config.hpp"
#include "params/proof_type.hpp"

namespace sa::adapter {

// The partition's, else the site's parameter_cache, else FIL_PROOFS_PARAMETER_CACHE as the adapter was
// started with (`env`: the variables forwarded to jobs), else rust-fil-proofs' default directory.
std::filesystem::path parameter_cache_for(const Partition& partition, const SiteConfig& site,
                                          const std::map<std::string, std::string>& env);

// `task_inputs` plus "prover" and "parameter_cache". Throws sa::Error(Config, permanent) when the partition
// has no prover or the parameter files for the sector size are not usable there.
nlohmann::json commit2_job_inputs(const nlohmann::json& task_inputs, params::SealProof proof, const Partition& partition,
                                  const SiteConfig& site, const std::map<std::string, std::string>& env);

}  // namespace sa::adapter
