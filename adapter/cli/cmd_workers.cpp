// `sealadapter workers`: each partition's nodes with CPU, RAM and GPU in use by our jobs, drawn like
// `lotus-miner sealing workers` (the seed guide). Usage is what the running attempts requested.
#include <iostream>
#include <algorithm>
#include <map>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"

namespace sa::adapter {

void register_workers(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("workers", "Partitions and nodes with CPU, RAM and GPU in use");
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "JSON");
  cmd->callback([&ctx, json] {
    nlohmann::json view = ctx.call("workers", nlohmann::json::array());
    if (*json) {
      std::cout << view.dump(2) << "\n";
      return;
    }
    for (const auto& w : view) {
      if (w.contains("node")) {  // a Slurm node
        std::string parts;
        for (const auto& p : w["partitions"]) parts += (parts.empty() ? "" : ",") + p.get<std::string>();
        std::cout << "Worker " << w["node"].get<std::string>() << ", partition " << parts << ", " << w["state"].get<std::string>()
                  << (w["usable"].get<bool>() ? "" : " (not usable: " + w["reason"].get<std::string>() + ")") << "\n";
      } else {
        std::cout << "Partition " << w["partition"].get<std::string>() << ", " << w["nodes"].get<int>() << " node(s), "
                  << w["backend"].get<std::string>() << " backend\n";
      }
      if (!w["tasks"].empty()) {
        std::cout << "\tTASK: ";
        for (const auto& [t, n] : w["tasks"].items()) std::cout << t << "(" << n.get<int>() << ") ";
        std::cout << "\n";
      }
      int cpus = w["cpus"], used = w["cpus_used"];
      std::uint64_t mem = w["memory"], mem_used = w["memory_used"];
      std::cout << "\tCPU:  " << bar(used, cpus) << " " << used << "/" << cpus << " core(s) in use\n";
      std::cout << "\tRAM:  " << bar(static_cast<double>(mem_used), static_cast<double>(mem)) << " " << (mem ? mem_used * 100 / mem : 0)
                << "% " << size_str(mem_used) << "/" << size_str(mem) << "\n";
      if (w.contains("gpus") && w["gpus"].get<int>() > 0) {
        int gpus = w["gpus"], gused = w["gpus_used"];
        std::cout << "\tGPU:  " << bar(gused, gpus) << " " << gused * 100 / gpus << "% " << gused << "/" << gpus << " gpu(s) in use\n";
      }
      if (w.contains("gres") && !w["gres"].get<std::string>().empty()) std::cout << "\tGRES: " << w["gres"].get<std::string>() << "\n";
    }
  });
}

}  // namespace sa::adapter
