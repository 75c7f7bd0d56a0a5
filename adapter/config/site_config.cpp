// SiteConfig helpers: enum names, partition lookup, reading a site file from disk and the embedded default
// site used when no site file is given (site_config.hpp).
#include "config/site_config.hpp"

#include <fstream>
#include <sstream>

#include "base/error.hpp"

namespace sa::adapter {

std::string_view memory_policy_name(MemoryPolicy p) { return p == MemoryPolicy::Min ? "min" : "max"; }

std::string_view launcher_name(Launcher l) {
  switch (l) {
    case Launcher::Srun: return "srun";
    case Launcher::Mpirun: return "mpirun";
    case Launcher::Direct: return "direct";
  }
  return "direct";
}

std::string_view backend_name(BackendKind b) { return b == BackendKind::Local ? "local" : "slurm"; }

const Partition* SiteConfig::find_partition(std::string_view partition_name) const {
  for (const Partition& p : partitions) {
    if (p.name == partition_name) return &p;
  }
  return nullptr;
}

bool SiteConfig::serves(TaskType t) const {
  for (const Partition& p : partitions) {
    if (p.serves(t)) return true;
  }
  return false;
}

SiteConfig load_site_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(ErrorKind::Config, file.string() + ": cannot read the site file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw Error(ErrorKind::Config, file.string() + ": error while reading the site file");
  // Relative paths inside the file are relative to the file, wherever the adapter was started from.
  return parse_site(text.str(), file.string(), std::filesystem::absolute(file).parent_path());
}

SiteConfig embedded_default_site(const std::filesystem::path& home) {
  SiteConfig site;
  site.name = "default";
  site.backend = BackendKind::Local;
  site.state_dir = home;
  site.storage_dir = home / "storage";
  site.memory_policy = MemoryPolicy::Max;
  Partition local;
  local.name = "local";
  local.tasks.insert(kTaskTypes.begin(), kTaskTypes.end());
  local.cpus_per_node = 0;     // the caller fills in what the host has
  local.memory_per_node = 0;
  local.gpus_per_node = 0;
  local.launcher = Launcher::Mpirun;  // what the local backend uses for several ranks
  site.partitions.push_back(std::move(local));
  site.source = "<embedded default>";
  return site;
}

}  // namespace sa::adapter
