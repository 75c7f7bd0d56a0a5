// JobRequest -> JSON.
#include "engine/request_json.hpp"

#include "model/resources_json.hpp"

namespace sa::adapter {

nlohmann::json to_json(const JobRequest& r) {
  return {
      {"partition", r.partition},
      {"nodes", r.nodes},
      {"ntasks", r.ntasks},
      {"cpus_per_task", r.cpus_per_task},
      {"memory_bytes", r.memory_bytes},
      {"gpus", r.gpus},
      {"gpu_type", r.gpu_type},
      {"tmp_bytes", r.tmp_bytes},
      {"time_limit_minutes", r.time_limit_minutes},
      {"nice", r.nice},
      {"urgent", r.urgent},
      {"account", r.account},
      {"qos", r.qos},
      {"exclude_nodes", r.exclude_nodes},
      {"nodelist", r.nodelist},
      {"dependency", r.dependency},
      {"extra_directives", r.extra_directives},
      {"launcher", std::string(launcher_name(r.launcher))},
      {"env", r.env},
      {"lotus_threads", r.lotus_threads},
      {"table_entry", to_lotus_json(r.table_entry)},
  };
}

}  // namespace sa::adapter
