// parse_site: the top level of the site file, [allow], [walltime] and the partition list (site/README.md).
// Whole-file rules live here: duplicate partition names, at least one partition, the Allow* filter.
#include <cctype>
#include <map>

#include "base/error.hpp"
#include "config/partition_parser.hpp"
#include "config/site_config.hpp"
#include "config/task_selection.hpp"
#include "config/toml_values.hpp"
#include "config/units.hpp"

namespace sa::adapter {

namespace {

using detail::TomlTable;

BackendKind read_backend(const TomlTable& t) {
  const std::string b = t.string("backend").value_or("slurm");
  if (b == "slurm") return BackendKind::Slurm;
  if (b == "local") return BackendKind::Local;
  t.fail("backend", "unknown backend \"" + b + "\" (use \"slurm\" or \"local\")");
}

AllowSettings read_allow(const TomlTable& top) {
  AllowSettings a;
  auto t = top.table("allow");
  if (!t) return a;
  const std::pair<std::string_view, bool AllowSettings::*> keys[] = {
      {"AllowAddPiece", &AllowSettings::add_piece},
      {"AllowPreCommit1", &AllowSettings::pre_commit1},
      {"AllowPreCommit2", &AllowSettings::pre_commit2},
      {"AllowCommit", &AllowSettings::commit},
      {"AllowUnseal", &AllowSettings::unseal},
      {"AllowReplicaUpdate", &AllowSettings::replica_update},
      {"AllowProveReplicaUpdate2", &AllowSettings::prove_replica_update2},
      {"AllowRegenSectorKey", &AllowSettings::regen_sector_key},
      {"AllowSectorDownload", &AllowSettings::sector_download},
  };
  std::vector<std::string_view> known;
  for (const auto& [k, m] : keys) known.push_back(k);
  t->require_known_keys(known);
  for (const auto& [k, m] : keys) {
    if (auto v = t->boolean(k)) a.*m = *v;
  }
  return a;
}

TaskType walltime_task(const TomlTable& t, const std::string& key) {
  auto task = parse_task_type(key);
  if (!task) {
    t.fail(key, "unknown task type \"" + key + "\" in [walltime] (keys are \"default\" or task types such as \"PC1\")");
  }
  return *task;
}

Walltimes read_walltimes(const TomlTable& top) {
  Walltimes w;
  auto t = top.table("walltime");
  if (!t) return w;
  for (auto&& [k, v] : t->raw()) {
    const std::string key(k.str());
    if (key == "default") {
      w.default_minutes = *detail::walltime_value(*t, key);
      continue;
    }
    const TaskType task = walltime_task(*t, key);
    if (!v.is_table()) {  // PC1 = "8h": the task's default for every size
      w.task_default[task] = *detail::walltime_value(*t, key);
      continue;
    }
    const TomlTable per_task(*v.as_table(), t->source(), "[walltime." + key + "]");
    for (auto&& [sk, sv] : per_task.raw()) {
      const std::string size_key(sk.str());
      if (size_key == "default") {
        w.task_default[task] = *detail::walltime_value(per_task, size_key);
        continue;
      }
      auto size = params::parse_sector_size(size_key);
      if (!size) {
        per_task.fail(size_key, "unknown sector size \"" + size_key + "\" in " + per_task.where() +
                                    " (use \"default\", \"2KiB\", \"8MiB\", \"512MiB\", \"32GiB\" or \"64GiB\")");
      }
      w.task_size[{task, *size}] = *detail::walltime_value(per_task, size_key);
    }
  }
  return w;
}

std::string read_instance(const TomlTable& t) {
  const std::string s = t.string("instance").value_or("sa");
  // The instance starts every job name and tag ("sa-1000-9-PC1-a2"): keep it a plain word.
  bool ok = !s.empty() && s.size() <= 32;
  for (char c : s) ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
  if (!ok) t.fail("instance", "'instance' must be 1-32 letters, digits or '_', got \"" + s + "\"");
  return s;
}

std::vector<Partition> read_partitions(const TomlTable& top, BackendKind backend, const AllowSettings& allow,
                                       const std::filesystem::path& base_dir) {
  const toml::node* n = top.node("partition");
  if (n == nullptr) top.fail_at(1, "the site file defines no [[partition]]; at least one is needed");
  if (!n->is_array_of_tables()) top.wrong_type("partition", "an array of tables ([[partition]])");
  const std::set<TaskType> disallowed = disallowed_task_types(allow);
  std::vector<Partition> out;
  std::map<std::string, int> seen;
  for (const toml::node& el : *n->as_array()) {
    Partition p = detail::parse_partition(TomlTable(*el.as_table(), top.source(), "[[partition]]"), backend, base_dir);
    if (auto [it, fresh] = seen.emplace(p.name, p.line); !fresh) {
      top.fail_at(p.line, "duplicate partition name '" + p.name + "' (first defined at line " +
                              std::to_string(it->second) + ")");
    }
    for (TaskType t : disallowed) p.tasks.erase(t);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

SiteConfig parse_site(std::string_view toml_text, const std::string& source_name,
                      const std::filesystem::path& base_dir) {
  toml::table doc;
  try {
    doc = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& e) {
    std::string what(e.description());
    if (!what.empty()) what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
    detail::config_error(source_name, static_cast<int>(e.source().begin.line), "invalid TOML: " + what);
  }
  const TomlTable top(doc, source_name, "the top level");
  top.require_known_keys({"name", "backend", "state_dir", "storage_dir", "scratch_dir", "job_binary",
                          "templates_dir", "instance", "memory_policy", "min_job_memory", "account", "qos",
                          "qos_urgent", "parameter_cache", "pc2_placement", "pc1_batch", "pc1_batch_wait", "allow", "walltime", "partition"});
  SiteConfig site;
  site.source = source_name;
  site.name = top.string("name").value_or(std::filesystem::path(source_name).stem().string());
  site.backend = read_backend(top);
  auto state = detail::path_value(top, "state_dir", base_dir);
  if (!state || state->empty()) top.fail_at(1, "the site file needs 'state_dir' (where the adapter keeps its state)");
  site.state_dir = *state;
  site.storage_dir = detail::path_value(top, "storage_dir", base_dir).value_or(site.state_dir / "storage");
  site.scratch_dir = detail::path_value(top, "scratch_dir", base_dir).value_or("");
  site.job_binary = detail::path_value(top, "job_binary", base_dir).value_or("");
  site.templates_dir = detail::path_value(top, "templates_dir", base_dir).value_or("");
  site.instance = read_instance(top);
  if (auto mp = top.string("memory_policy")) {
    if (*mp == "min") site.memory_policy = MemoryPolicy::Min;
    else if (*mp == "max") site.memory_policy = MemoryPolicy::Max;
    else top.fail("memory_policy", "unknown memory policy \"" + *mp + "\" (use \"min\" or \"max\")");
  }
  if (auto pl = top.string("pc2_placement")) {
    if (*pl == "any") site.pc2_placement = Pc2Placement::Any;
    else if (*pl == "same-node") site.pc2_placement = Pc2Placement::SameNode;
    else if (*pl == "afterok") site.pc2_placement = Pc2Placement::AfterOk;
    else top.fail("pc2_placement", "unknown placement \"" + *pl + "\" (use \"any\", \"same-node\" or \"afterok\")");
  }
  site.pc1_batch = static_cast<int>(top.integer("pc1_batch", 1, 256, "between 1 and 256 sectors").value_or(site.pc1_batch));
  site.pc1_batch_wait = static_cast<int>(top.integer("pc1_batch_wait", 0, 86400, "between 0 and 86400 seconds").value_or(site.pc1_batch_wait));
  site.min_job_memory = detail::size_value(top, "min_job_memory").value_or(site.min_job_memory);
  if (site.min_job_memory < kMinJobMemoryFloor) {
    top.fail("min_job_memory", "'min_job_memory' in " + top.where() + " is " + format_size(site.min_job_memory) +
                                   ", below " + format_size(kMinJobMemoryFloor) +
                                   ": the job binary alone peaks near 30 MiB resident, and a smaller --mem lets the "
                                   "cgroup kill jobs at random (most often when the node is busy)");
  }
  site.account = detail::line_string(top, "account").value_or("");
  site.qos = detail::line_string(top, "qos").value_or("");
  site.qos_urgent = detail::line_string(top, "qos_urgent").value_or("");
  site.walltime = read_walltimes(top);
  site.parameter_cache = detail::path_value(top, "parameter_cache", base_dir).value_or("");
  site.partitions = read_partitions(top, site.backend, read_allow(top), base_dir);
  return site;
}

}  // namespace sa::adapter
