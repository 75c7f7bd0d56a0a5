// The next step of a sector's pipeline.
#include "engine/pipeline.hpp"

#include "base/error.hpp"

namespace sa::adapter {

namespace {

nlohmann::json pieces_of(const nlohmann::json& ap) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : ap.value("pieces", nlohmann::json::array())) {
    out.push_back({{"size", p.at("size")}, {"cid", p.at("cid")}});
  }
  return out;
}

NewTask task(const SectorPlan& plan, TaskType type, nlohmann::json inputs) {
  NewTask n;
  n.sector = plan.sector;
  n.type = type;
  n.proof = plan.proof;
  n.ranks = plan.ranks;
  n.priority = plan.priority;
  n.inputs = std::move(inputs);
  return n;
}

}  // namespace

std::optional<NewTask> next_pipeline_task(const SectorPlan& plan, const std::map<TaskType, StageRecord>& done,
                                          bool verified) {
  for (TaskType t : kSealPipeline) {
    if (!in_pipeline(plan, t)) continue;
    auto it = done.find(t);
    if (it == done.end()) {
      switch (t) {
        case TaskType::AddPiece: return task(plan, t, plan.ap_inputs);
        case TaskType::PreCommit1:
          return task(plan, t, {{"ticket", plan.ticket_hex}, {"pieces", pieces_of(done.at(TaskType::AddPiece).outputs)}});
        case TaskType::PreCommit2: {
          const auto& pc1 = done.at(TaskType::PreCommit1).outputs;
          return task(plan, t, {{"comm_d", pc1.at("comm_d").at("hex")}, {"replica_id", pc1.at("replica_id")}});
        }
        case TaskType::Commit1: {
          const auto& pc1 = done.at(TaskType::PreCommit1).outputs;
          const auto& pc2 = done.at(TaskType::PreCommit2).outputs;
          return task(plan, t, {{"ticket", plan.ticket_hex}, {"seed", plan.seed_hex},
                                {"comm_d", pc1.at("comm_d").at("hex")}, {"comm_r", pc2.at("comm_r").at("hex")}});
        }
        case TaskType::Commit2:
          // The Commit1Out that verify accepted, as the site's prover reads it.
          if (!verified) return std::nullopt;
          return task(plan, t, {{"commit1_out", done.at(TaskType::Commit1).outputs.at("proofs")}});
        case TaskType::Finalize:
          if (!verified) return std::nullopt;
          return task(plan, t, nlohmann::json::object());
        default: throw Error(ErrorKind::Internal, "unexpected pipeline task");
      }
    }
    if (it->second.task.state != TaskState::Done) {
      // Chained: PC2 goes to the batch system behind its running PC1 (it reads PC1's outputs from the
      // cache directory, so it needs no inputs from PC1's result).
      if (t == TaskType::PreCommit1 && plan.chain_pc2 && !is_terminal(it->second.task.state) &&
          !done.count(TaskType::PreCommit2)) {
        return task(plan, TaskType::PreCommit2, nlohmann::json::object());
      }
      return std::nullopt;  // queued, running, or failed
    }
  }
  return std::nullopt;
}

nlohmann::json unseal_inputs(const nlohmann::json& pc1_outputs, const std::string& ticket_hex,
                             const std::string& output_path, std::uint64_t offset, std::uint64_t size) {
  return {{"ticket", ticket_hex},
          {"comm_d", pc1_outputs.at("comm_d").at("hex")},
          {"output", output_path},
          {"offset", offset},
          {"size", size}};
}

}  // namespace sa::adapter
