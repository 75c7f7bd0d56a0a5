// C2 job inputs and the parameter check before submission.
#include "engine/commit2_job.hpp"

#include "base/error.hpp"
#include "filecoin/c2_parameters.hpp"

namespace sa::adapter {

std::filesystem::path parameter_cache_for(const Partition& partition, const SiteConfig& site,
                                          const std::map<std::string, std::string>& env) {
  if (!partition.parameter_cache.empty()) return partition.parameter_cache;
  if (!site.parameter_cache.empty()) return site.parameter_cache;
  if (auto it = env.find("FIL_PROOFS_PARAMETER_CACHE"); it != env.end() && !it->second.empty()) return it->second;
  return jobs::filecoin::default_parameter_cache();
}

nlohmann::json commit2_job_inputs(const nlohmann::json& task_inputs, params::SealProof proof, const Partition& partition,
                                  const SiteConfig& site, const std::map<std::string, std::string>& env) {
  if (partition.prover.empty()) {
    throw Error(ErrorKind::Config, "partition '" + partition.name + "' has no 'prover' to run C2 with");
  }
  const std::filesystem::path dir = parameter_cache_for(partition, site, env);
  if (std::string why = jobs::filecoin::parameter_problem(dir, proof.size()); !why.empty()) {
    throw Error(ErrorKind::Config, "C2 not submitted: " + why);
  }
  nlohmann::json in = task_inputs;
  in["prover"] = partition.prover;
  in["parameter_cache"] = dir.string();
  return in;
}

}  // namespace sa::adapter
