// `sealadapter resources`: the effective resource table (Lotus defaults + env overrides), as a table, as
// Lotus's JSON shape ({task string: {proof id: {MinMemory, ...}}}), or as KEY=VALUE env lines.
#include <algorithm>
#include <iostream>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/parse_args.hpp"
#include "model/resources_json.hpp"

namespace sa::adapter {

void register_resources(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("resources", "Show the effective resource table (Lotus defaults + env overrides)");
  auto size = std::make_shared<std::string>();
  auto task = std::make_shared<std::string>();
  auto version = std::make_shared<std::string>("V1_1");
  auto json = std::make_shared<bool>(false);
  auto env = std::make_shared<bool>(false);
  auto partition = std::make_shared<std::string>();
  cmd->add_option("--sector-size", *size, "Only this sector size (2KiB, 8MiB, 512MiB, 32GiB, 64GiB)");
  cmd->add_option("--task", *task, "Only this task type (AP, PC1, ... or a Lotus task string)");
  cmd->add_option("--proof", *version, "Proof version: V1, V1_1, SyntheticPoRep, NiPoRep")->capture_default_str();
  cmd->add_option("--partition", *partition, "Compute threads for this partition's nodes (default: the first)");
  cmd->add_flag("--json", *json, "JSON keyed like Lotus's worker Info: task string -> proof id -> fields");
  cmd->add_flag("--env", *env, "KEY=VALUE lines with Lotus's override variable names (like lotus-worker resources --all)");
  cmd->callback([&ctx, size, task, version, json, env, partition] {
    const ResourceTable& table = ctx.table();
    std::vector<TaskType> tasks(kTaskTypes.begin(), kTaskTypes.end());
    if (!task->empty()) tasks = {parse_task_arg(*task)};
    std::vector<params::SectorSize> sizes(params::kSectorSizes.begin(), params::kSectorSizes.end());
    if (!size->empty()) sizes = {parse_size_arg(*size)};
    params::ProofVersion v = parse_version_arg(*version);

    if (*env) {
      std::vector<std::pair<std::string, std::string>> lines;
      for (TaskType t : tasks) {
        if (!has_resource_entry(t)) continue;
        for (auto s : sizes) {
          nlohmann::json j = to_lotus_json(table.get(t, params::seal_proof(s, v)));
          static const std::pair<const char*, const char*> fields[] = {
              {"MinMemory", "MIN_MEMORY"},           {"MaxMemory", "MAX_MEMORY"},
              {"GPUUtilization", "GPU_UTILIZATION"}, {"MaxParallelism", "MAX_PARALLELISM"},
              {"MaxParallelismGPU", "MAX_PARALLELISM_GPU"}, {"BaseMinMemory", "BASE_MIN_MEMORY"},
              {"MaxConcurrent", "MAX_CONCURRENT"}};
          for (const auto& [field, envname] : fields) {
            std::string key = std::string(short_name(t)) + "_" + std::string(params::sector_size_env(s)) + "_" + envname;
            lines.emplace_back(key, j[field].dump());
          }
        }
      }
      std::sort(lines.begin(), lines.end());
      for (const auto& [k, val] : lines) std::cout << k << "=" << val << "\n";
      return;
    }
    if (*json) {
      nlohmann::json out = nlohmann::json::object();
      for (TaskType t : tasks) {
        for (auto s : sizes) {
          auto p = params::seal_proof(s, v);
          out[std::string(task_string(t))][std::to_string(p.id)] = to_lotus_json(table.get(t, p));
        }
      }
      std::cout << out.dump(2) << "\n";
      return;
    }
    const SiteConfig& site = ctx.site();
    const Partition* part = partition->empty() ? (site.partitions.empty() ? nullptr : &site.partitions.front())
                                               : site.find_partition(*partition);
    if (!partition->empty() && !part) throw Error(ErrorKind::Usage, "no partition \"" + *partition + "\" in " + site.source);
    int cpus = part ? part->cpus_per_node : 1, gpus = part ? part->gpus_per_node : 0;
    Table out({"TASK", "SIZE", "MinMemory", "MaxMemory", "BaseMinMemory", "GPU", "MaxParallelism", "MaxParallelismGPU",
               "MaxConcurrent", "THREADS@" + std::to_string(cpus) + "cpu/" + std::to_string(gpus) + "gpu"});
    for (TaskType t : tasks) {
      for (auto s : sizes) {
        Resources r = table.get(t, params::seal_proof(s, v));
        char gpu[16];
        std::snprintf(gpu, sizeof gpu, "%g", r.gpu_utilization);
        out.add({std::string(short_name(t)), std::string(params::sector_size_name(s)), size_str(r.min_memory),
                 size_str(r.max_memory), size_str(r.base_min_memory), gpu, std::to_string(r.max_parallelism),
                 std::to_string(r.max_parallelism_gpu), std::to_string(r.max_concurrent),
                 std::to_string(r.threads(cpus, gpus))});
      }
    }
    out.print(std::cout);
  });
}

}  // namespace sa::adapter
