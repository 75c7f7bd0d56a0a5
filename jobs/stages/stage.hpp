// What a stage is to the runtime: a function from the manifest (and the MPI session) to its outputs.
// Stages are glue: they read inputs, call kernels and staging, and return JSON outputs that rank 0 publishes.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "contract/job_manifest.hpp"
#include "runtime/kernel_settings.hpp"
#include "runtime/mpi_session.hpp"

namespace sa::jobs {

struct StageContext {
  const JobManifest& manifest;
  const MpiSession& mpi;
  const KernelSettings& settings;
};

using StageFn = std::function<nlohmann::json(StageContext&)>;

struct StageInfo {
  std::string_view name;         // sa-job <name>
  std::string_view description;
  StageFn run;
};

// Every stage this binary knows.
const std::vector<StageInfo>& stages();
const StageInfo* find_stage(std::string_view name);

}  // namespace sa::jobs
