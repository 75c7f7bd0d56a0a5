// The shared operations.
#include "api/operations.hpp"

#include <unistd.h>

#include "api/task_json.hpp"
#include "base/error.hpp"
#include "engine/engine.hpp"
#include "engine/task_stage.hpp"
#include "layout/cache_files.hpp"
#include "layout/lotus_paths.hpp"
#include "store/shared_jobs.hpp"
#include "store/task_conflict.hpp"

namespace sa::adapter {

namespace {

template <typename T>
T field(const nlohmann::json& j, const char* name, T fallback) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) return fallback;
  try {
    return it->get<T>();
  } catch (const nlohmann::json::exception&) {
    throw Error(ErrorKind::Usage, std::string("\"") + name + "\" has the wrong type (" + it->type_name() + ")");
  }
}

params::SealProof proof_of(const nlohmann::json& spec) {
  if (spec.contains("proof_type")) {
    auto p = params::seal_proof_from_id(field<std::int64_t>(spec, "proof_type", -1));
    if (!p) throw Error(ErrorKind::Usage, "unknown registered seal proof " + spec["proof_type"].dump() + " (0-19)");
    return *p;
  }
  auto size = params::parse_sector_size(field<std::string>(spec, "sector_size", ""));
  if (!size) throw Error(ErrorKind::Usage, "a task needs \"proof_type\" or a valid \"sector_size\" (2KiB ... 64GiB)");
  auto version = params::parse_proof_version(field<std::string>(spec, "proof", "V1_1"));
  if (!version) throw Error(ErrorKind::Usage, "unknown proof version " + spec["proof"].dump());
  return params::seal_proof(*size, *version);
}

}  // namespace

NewTask task_from_json(const nlohmann::json& spec, const SiteConfig& site) {
  if (!spec.is_object()) throw Error(ErrorKind::Usage, "a task must be a JSON object");
  NewTask n;
  auto type = parse_task_type(field<std::string>(spec, "task", ""));
  if (!type) throw Error(ErrorKind::Usage, "unknown task type " + (spec.contains("task") ? spec["task"].dump() : "(missing)"));
  n.type = *type;
  if (!stage_for(n.type)) {
    throw Error(ErrorKind::Usage, std::string(display_name(n.type)) +
                                      " tasks cannot run yet: this release has job stages for AP, PC1, PC2, C1, C2, UNS and FIN");
  }
  if (n.type == TaskType::Commit2 && !site.serves(TaskType::Commit2)) {
    throw Error(ErrorKind::Usage, "C2 tasks need a partition with a 'prover' (site/README.md, \"C2 on GPU nodes\"); " +
                                      site.source + " has none");
  }
  const nlohmann::json sector = field<nlohmann::json>(spec, "sector", nlohmann::json());
  if (sector.is_object()) {
    n.sector.miner = field<std::uint64_t>(sector, "miner", 1000);
    if (!sector.contains("number")) throw Error(ErrorKind::Usage, "sector.number is required");
    n.sector.number = field<std::uint64_t>(sector, "number", 0);
  } else if (sector.is_number_unsigned() || sector.is_number_integer()) {
    if (sector.is_number_integer() && sector.get<std::int64_t>() < 0) throw Error(ErrorKind::Usage, "sector must be >= 0");
    n.sector.miner = field<std::uint64_t>(spec, "miner", 1000);
    n.sector.number = sector.get<std::uint64_t>();
  } else {
    throw Error(ErrorKind::Usage, "a task needs \"sector\": {\"miner\", \"number\"}");
  }
  n.proof = proof_of(spec);
  n.priority = field<int>(spec, "priority", 0);
  n.ranks = field<int>(spec, "ranks", 1);
  n.max_attempts = field<int>(spec, "max_attempts", 3);
  if (n.ranks < 1 || n.ranks > 4096) throw Error(ErrorKind::Usage, "ranks must be 1..4096");
  if (n.max_attempts < 1 || n.max_attempts > 100) throw Error(ErrorKind::Usage, "max_attempts must be 1..100");
  n.partition = field<std::string>(spec, "partition", "");
  if (!n.partition.empty() && !site.find_partition(n.partition)) {
    throw Error(ErrorKind::Usage, "no partition \"" + n.partition + "\" in " + site.source);
  }
  n.inputs = field<nlohmann::json>(spec, "inputs", nlohmann::json::object());
  if (n.type == TaskType::Commit2 && n.inputs.is_object() && !n.inputs.contains("commit1_out")) {
    // The sector's own C1 output, which Finalize keeps.
    n.inputs["commit1_out"] = (staging::LotusLayout(site.storage_dir).cache({n.sector.miner, n.sector.number}) /
                               staging::commit1_out_name()).string();
  }
  if (!n.inputs.is_object()) throw Error(ErrorKind::Usage, "\"inputs\" must be a JSON object");
  const nlohmann::json data = field<nlohmann::json>(spec, "data", nlohmann::json::array());
  if (!data.is_array()) throw Error(ErrorKind::Usage, "\"data\" must be a list of files");
  if (!data.empty() && n.type != TaskType::AddPiece) throw Error(ErrorKind::Usage, "\"data\" is for AddPiece tasks");
  if (n.type == TaskType::AddPiece && !n.inputs.contains("pieces")) {
    nlohmann::json pieces = nlohmann::json::array();
    for (const auto& d : data) {
      if (!d.is_string()) throw Error(ErrorKind::Usage, "\"data\" must be a list of files");
      std::error_code ec;
      auto path = std::filesystem::absolute(d.get<std::string>(), ec);
      if (ec || !std::filesystem::is_regular_file(path) || ::access(path.c_str(), R_OK) != 0) {
        throw Error(ErrorKind::Usage, "cannot read piece data " + d.get<std::string>());
      }
      pieces.push_back({{"kind", "file"}, {"path", path.string()}});
    }
    n.inputs["pieces"] = pieces;
  }
  return n;
}

Operations::Operations(Store& store, const SiteConfig& site, Hooks hooks)
    : store_(store), site_(site), hooks_(std::move(hooks)) {}

nlohmann::json Operations::submit(const nlohmann::json& spec) {
  NewTask n = task_from_json(spec, site_);
  SubmitOutcome out = store_.submit(n, wall_clock());
  if (!out.created) {
    if (std::string why = task_conflict(out.task, n); !why.empty()) throw Error(ErrorKind::Usage, why);
  }
  nlohmann::json j = to_json(out.task);
  j["created"] = out.created;
  return j;
}

nlohmann::json Operations::status(const nlohmann::json& filter) {
  TaskFilter f;
  std::vector<TaskRecord> tasks;
  if (filter.is_object() && filter.contains("task") && !filter["task"].is_null()) {
    auto t = store_.task(field<std::int64_t>(filter, "task", 0));
    if (!t) throw Error(ErrorKind::Usage, "no task " + filter["task"].dump());
    tasks.push_back(*t);
  } else {
    for (const auto& s : filter.is_object() ? field<nlohmann::json>(filter, "states", nlohmann::json::array()) : nlohmann::json::array()) {
      auto parsed = s.is_string() ? parse_task_state(s.get<std::string>()) : std::nullopt;
      if (!parsed) throw Error(ErrorKind::Usage, "unknown state " + s.dump() + " (queued, running, done, failed, cancelled)");
      f.states.push_back(*parsed);
    }
    tasks = store_.tasks(f);
  }
  nlohmann::json out = nlohmann::json::array();
  for (const auto& t : tasks) {
    nlohmann::json j = to_json(t);
    j["attempts_detail"] = nlohmann::json::array();
    for (const auto& a : store_.attempts_of(t.id)) j["attempts_detail"].push_back(to_json(a));
    out.push_back(j);
  }
  return out;
}

nlohmann::json Operations::jobs(bool show_ended) {
  nlohmann::json arr = nlohmann::json::array();
  std::vector<AttemptRecord> list;
  if (show_ended) {
    for (const auto& t : store_.tasks()) {
      for (const auto& a : store_.attempts_of(t.id)) list.push_back(a);
    }
  } else {
    list = store_.active_attempts();
  }
  for (const auto& a : list) {
    nlohmann::json j = to_json(a);
    if (auto t = store_.task(a.task_id)) j["task"] = to_json(*t);
    arr.push_back(j);
  }
  for (const auto& t : store_.tasks({{TaskState::Queued}})) arr.push_back({{"task", to_json(t)}, {"state", "queued"}});
  return arr;
}

nlohmann::json Operations::cancel(std::int64_t id) {
  auto active = store_.cancel(id, wall_clock());
  // A PC1 batch job also runs other tasks' sectors: it is only killed when none of them still needs it.
  const bool kill = active && !active->job_id.empty() && !job_needed_by_others(store_, *active);
  if (kill && hooks_.kill) hooks_.kill(*active);
  return {{"task", id}, {"cancelled", true}, {"job", kill ? active->job_id : ""}};
}

nlohmann::json Operations::retry(std::int64_t id, int extra) { return to_json(store_.retry(id, extra, wall_clock())); }

nlohmann::json Operations::result(std::int64_t id) {
  auto t = store_.task(id);
  if (!t) throw Error(ErrorKind::Usage, "no task " + std::to_string(id));
  nlohmann::json j = to_json(*t);
  auto r = store_.result_of(id);
  j["outputs"] = r ? *r : nlohmann::json(nullptr);
  return j;
}

}  // namespace sa::adapter
