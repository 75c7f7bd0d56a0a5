// [[partition]] parsing: node shape, accepted task types (list or lotus-worker flags), account/QOS,
// template, launcher, extra directives and env (partition_parser.hpp; site/README.md).
#include "config/partition_parser.hpp"

#include <array>
#include <tuple>

#include "config/env_name.hpp"
#include "contract/prover_argv.hpp"
#include "config/task_selection.hpp"
#include "config/toml_values.hpp"

namespace sa::adapter::detail {

namespace {

// The lotus-worker flags, spelled with underscores, and where each lands in WorkerFlags.
constexpr std::array<std::pair<std::string_view, std::optional<bool> WorkerFlags::*>, 10> kWorkerFlags = {{
    {"addpiece", &WorkerFlags::addpiece},
    {"precommit1", &WorkerFlags::precommit1},
    {"unseal", &WorkerFlags::unseal},
    {"precommit2", &WorkerFlags::precommit2},
    {"commit", &WorkerFlags::commit},
    {"replica_update", &WorkerFlags::replica_update},
    {"prove_replica_update2", &WorkerFlags::prove_replica_update2},
    {"regen_sector_key", &WorkerFlags::regen_sector_key},
    {"sector_download", &WorkerFlags::sector_download},
    {"no_default", &WorkerFlags::no_default},
}};

std::set<TaskType> read_tasks(const TomlTable& t) {
  std::string_view first_flag;
  WorkerFlags flags;
  for (const auto& [key, member] : kWorkerFlags) {
    if (auto v = t.boolean(key)) {
      flags.*member = *v;
      if (first_flag.empty()) first_flag = key;
    }
  }
  auto list = t.string_array("tasks");
  if (list && !first_flag.empty()) {
    t.fail(first_flag, t.where() + " sets both 'tasks' and the lotus-worker flag '" + std::string(first_flag) +
                           "'; use one form or the other");
  }
  if (!list) return lotus_worker_task_types(flags);  // no keys at all = lotus-worker's defaults
  std::set<TaskType> out;
  for (const auto& [text, line] : *list) {
    auto task = parse_task_type(text);
    if (!task) {
      t.fail_at(line, "unknown task type \"" + text + "\" in " + t.where() +
                          " (use a short name such as \"PC1\", a Lotus string such as \"seal/v0/precommit/1\", "
                          "or a display name such as \"PreCommit1\")");
    }
    out.insert(*task);
  }
  return out;
}

MemoryPolicy read_memory_policy(const TomlTable& t, std::string_view key, const std::string& text) {
  if (text == "min") return MemoryPolicy::Min;
  if (text == "max") return MemoryPolicy::Max;
  t.fail(key, "unknown memory policy \"" + text + "\" in " + t.where() + " (use \"min\" or \"max\")");
}

Launcher read_launcher(const TomlTable& t, const std::string& text) {
  if (text == "srun") return Launcher::Srun;
  if (text == "mpirun") return Launcher::Mpirun;
  if (text == "direct") return Launcher::Direct;
  t.fail("launcher", "unknown launcher \"" + text + "\" in " + t.where() + " (use \"srun\", \"mpirun\" or \"direct\")");
}

std::map<std::string, std::string> read_env(const TomlTable& t) {
  std::map<std::string, std::string> env;
  auto table = t.table("env");
  if (!table) return env;
  for (auto&& [k, v] : table->raw()) {
    const std::string name(k.str());
    if (!is_valid_env_name(name)) {
      table->fail(name, "environment variable name \"" + name + "\" in " + t.where() +
                            " must match [A-Z_][A-Z0-9_]*");
    }
    if (!v.is_string()) table->wrong_type(name, "a string");
    const std::string& value = v.as_string()->get();
    if (value.find('\0') != std::string::npos) table->fail(name, "environment value of " + name + " contains NUL");
    env.emplace(name, value);
  }
  return env;
}

// An argument vector, never a shell string: each element is one argument of the prover.
std::vector<std::string> read_prover(const TomlTable& t, const Partition& p) {
  if (const toml::node* n = t.node("prover"); n && n->is_string()) {
    t.fail("prover", "'prover' in " + t.where() + " must be a list of arguments, e.g. [\"lotus-bench\", \"prove\", "
                     "\"--miner-addr\", \"t0{miner}\", \"{input}\"] (it is run directly, not by a shell)");
  }
  auto list = t.string_array("prover");
  if (!list) return {};
  std::vector<std::string> argv;
  for (const auto& [text, line] : *list) argv.push_back(text);
  if (std::string why = jobs::prover_argv_problem(argv); !why.empty()) t.fail("prover", "'prover' in " + t.where() + ": " + why);
  if (!p.tasks.count(TaskType::Commit2)) {
    t.fail("prover", t.where() + " has a 'prover' but does not accept C2 (add \"C2\" to its tasks)");
  }
  return argv;
}

}  // namespace

Partition parse_partition(const TomlTable& t, BackendKind backend, const std::filesystem::path& base_dir) {
  Partition p;
  p.line = t.table_line();
  auto name = line_string(t, "name");
  if (!name || name->empty()) t.fail_at(p.line, "[[partition]] needs a non-empty 'name'");
  p.name = *name;
  const TomlTable named(t.raw(), t.source(), "partition '" + p.name + "'");

  named.require_known_keys({"name", "tasks", "addpiece", "precommit1", "unseal", "precommit2", "commit",
                            "replica_update", "prove_replica_update2", "regen_sector_key", "sector_download",
                            "no_default", "nodes", "cpus_per_node", "memory_per_node", "gpus_per_node",
                            "gpu_type", "tmp_per_node", "memory_policy", "account", "qos", "qos_urgent",
                            "template", "launcher", "extra_directives", "env", "max_jobs", "prover",
                            "parameter_cache"});

  p.tasks = read_tasks(named);
  p.nodes = static_cast<int>(named.integer("nodes", 1, 1 << 20, "at least 1").value_or(1));

  const bool local = backend == BackendKind::Local;
  bool cpus_auto = false, mem_auto = false;
  auto cpus = count_or_auto(named, "cpus_per_node", &cpus_auto);
  auto mem = size_or_auto(named, "memory_per_node", &mem_auto);
  // A Slurm partition's node shape decides threads and memory checks; only the local backend can detect it.
  for (auto [key, is_auto, given] : {std::tuple{"cpus_per_node", cpus_auto, cpus.has_value()},
                                     std::tuple{"memory_per_node", mem_auto, mem.has_value()}}) {
    if (is_auto && !local) {
      named.fail(key, std::string("'") + key + "' = \"auto\" is only allowed with backend = \"local\"");
    }
    if (!given && !local) named.fail_at(p.line, "partition '" + p.name + "' needs '" + key + "' (backend slurm)");
  }
  p.cpus_per_node = cpus.value_or(0);
  p.memory_per_node = mem.value_or(0);
  p.gpus_per_node = static_cast<int>(named.integer("gpus_per_node", 0, 1 << 16, "0 or more").value_or(0));
  p.gpu_type = line_string(named, "gpu_type").value_or("");
  if (!p.gpu_type.empty() && p.gpus_per_node == 0) named.fail("gpu_type", "'gpu_type' is set but 'gpus_per_node' is 0");
  p.tmp_per_node = size_value(named, "tmp_per_node").value_or(0);

  if (auto mp = named.string("memory_policy")) p.memory_policy = read_memory_policy(named, "memory_policy", *mp);
  p.account = line_string(named, "account").value_or("");
  p.qos = line_string(named, "qos").value_or("");
  p.qos_urgent = line_string(named, "qos_urgent").value_or("");
  p.template_name = line_string(named, "template").value_or("");
  p.launcher = local ? Launcher::Mpirun : Launcher::Srun;
  if (auto l = named.string("launcher")) p.launcher = read_launcher(named, *l);

  if (auto extras = named.string_array("extra_directives")) {
    for (const auto& [text, line] : *extras) {
      if (has_control_char(text)) {
        named.fail_at(line, "extra directive in " + named.where() + " contains a control character");
      }
      if (text.empty() || text.front() != '-') {
        named.fail_at(line, "extra directive \"" + text + "\" in " + named.where() +
                                " must be an sbatch option starting with \"-\" or \"--\"");
      }
      p.extra_directives.push_back(text);
    }
  }
  p.env = read_env(named);
  p.max_jobs = static_cast<int>(named.integer("max_jobs", 0, 1 << 30, "0 (unlimited) or more").value_or(0));
  p.prover = read_prover(named, p);
  p.parameter_cache = path_value(named, "parameter_cache", base_dir).value_or("");
  return p;
}

}  // namespace sa::adapter::detail
