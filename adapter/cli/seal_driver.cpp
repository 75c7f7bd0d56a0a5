// Driving sector pipelines from the seal command.
#include "cli/seal_driver.hpp"

#include <iostream>
#include <random>

#include "base/error.hpp"
#include "cli/engine_runner.hpp"
#include "cli/job_runner.hpp"
#include "contract/job_result.hpp"
#include "engine/engine.hpp"
#include "store/task_conflict.hpp"

namespace sa::adapter {

namespace {

struct SectorRun {
  SectorPlan plan;
  bool verified = false;
  std::string verify_error;
  nlohmann::json verify_outputs;
};

std::map<TaskType, StageRecord> stages_of(Store& store, const SectorRef& sector) {
  std::map<TaskType, StageRecord> out;
  for (TaskType t : kSealPipeline) {
    auto rec = store.find_task(sector, t);
    if (!rec) continue;
    nlohmann::json outputs;
    if (rec->state == TaskState::Done) outputs = store.result_of(rec->id).value_or(nlohmann::json::object());
    out[t] = StageRecord{*rec, outputs};
  }
  return out;
}

SectorPlan plan_for(Store& store, const SealRequest& req, std::uint64_t number) {
  SectorPlan p;
  p.chain_pc2 = req.chain_pc2;
  p.commit2 = req.commit2;
  p.sector = {req.miner, number};
  p.proof = req.proof;
  p.ranks = req.ranks;
  if (auto ap = store.find_task(p.sector, TaskType::AddPiece)) {
    // Continue a sector sealed before: its ticket and seed were stored with its AddPiece task.
    if (ap->proof.id != req.proof.id) {
      throw Error(ErrorKind::Usage, "sector " + std::to_string(number) + " was started as " + ap->proof.name());
    }
    const auto& seal = ap->inputs.value("seal", nlohmann::json::object());
    p.ticket_hex = seal.value("ticket", "");
    p.seed_hex = seal.value("seed", "");
    p.ap_inputs = ap->inputs;
    if (p.ticket_hex.empty() || p.seed_hex.empty()) {
      throw Error(ErrorKind::Usage, "sector " + std::to_string(number) + " has an AddPiece task that was not started by `seal`");
    }
    // Asking for other pieces, ticket or seed than the sector holds is refused before anything runs.
    NewTask asked;
    asked.sector = p.sector;
    asked.type = TaskType::AddPiece;
    asked.proof = req.proof;
    asked.inputs = req.ap_inputs;
    std::string why = task_conflict(*ap, asked);
    auto differs = [&](const char* name, const std::optional<std::string>& want, const std::string& has) {
      if (why.empty() && want && *want != has) {
        why = "sector " + std::to_string(req.miner) + "/" + std::to_string(number) + " was started with " + name + " " +
              has + ", not " + *want + "; use another sector number, or leave out --" + name + " to continue it";
      }
    };
    differs("ticket", req.ticket_hex, p.ticket_hex);
    differs("seed", req.seed_hex, p.seed_hex);
    if (!why.empty()) throw Error(ErrorKind::Usage, why + " (nothing was run)");
    return p;
  }
  p.ticket_hex = req.ticket_hex.value_or(random_hex32());
  p.seed_hex = req.seed_hex.value_or(random_hex32());
  p.ap_inputs = req.ap_inputs;
  p.ap_inputs["seal"] = {{"ticket", p.ticket_hex}, {"seed", p.seed_hex}};
  return p;
}

std::filesystem::path verify_dir(CliContext& ctx, const SectorRef& sector) {
  return ctx.site().state_dir / "verify" / (std::to_string(sector.miner) + "-" + std::to_string(sector.number));
}

// A sector whose Finalize was submitted passed verify in an earlier run, and Finalize removes the proofs:
// that run's result is the answer.
void earlier_verify(CliContext& ctx, SectorRun& run) {
  std::optional<jobs::JobResult> r;
  try {
    r = jobs::read_result(verify_dir(ctx, run.plan.sector) / "result.json");
  } catch (const std::exception&) {
  }
  if (r && r->status == jobs::ResultStatus::Ok && r->outputs.value("valid", false)) {
    run.verified = true;
    run.verify_outputs = r->outputs;
    run.verify_outputs["earlier"] = true;
  } else {
    run.verify_outputs = {{"earlier", true},
                          {"note", "finalized without a verify result of `seal` in this state directory; its proofs are gone"}};
  }
}

void verify(CliContext& ctx, SectorRun& run, const std::map<TaskType, StageRecord>& stages) {
  const auto& c1 = stages.at(TaskType::Commit1).outputs;
  const auto& pc1 = stages.at(TaskType::PreCommit1).outputs;
  const auto& pc2 = stages.at(TaskType::PreCommit2).outputs;
  nlohmann::json inputs = {{"ticket", run.plan.ticket_hex}, {"seed", run.plan.seed_hex},
                           {"comm_d", pc1.at("comm_d").at("hex")}, {"comm_r", pc2.at("comm_r").at("hex")},
                           {"proofs", c1.at("proofs")}};
  auto dir = verify_dir(ctx, run.plan.sector);
  jobs::JobResult r = run_job_here(ctx.job_binary(), dir, "verify", run.plan.sector.miner, run.plan.sector.number,
                                   run.plan.proof.id, ctx.site().storage_dir, inputs);
  run.verify_outputs = r.outputs;
  if (r.status == jobs::ResultStatus::Ok && r.outputs.value("valid", false)) run.verified = true;
  else run.verify_error = r.error_message.empty() ? "the vanilla proofs do not verify" : r.error_message;
}

}  // namespace

std::string random_hex32() {
  std::random_device rd;
  std::string out;
  const char* digits = "0123456789abcdef";
  for (int i = 0; i < 64; ++i) out.push_back(digits[rd() % 16]);
  return out;
}

std::vector<SectorReport> seal_sectors(CliContext& ctx, const SealRequest& req) {
  Store& store = ctx.store();
  std::vector<SectorRun> runs;
  for (std::uint64_t n : req.sectors) {
    SectorRun run;
    run.plan = plan_for(store, req, n);
    runs.push_back(std::move(run));
  }

  auto advance = [&]() -> bool {
    bool all_finished = true;
    for (SectorRun& run : runs) {
      auto stages = stages_of(store, run.plan.sector);
      auto c1 = stages.find(TaskType::Commit1);
      if (stages.count(TaskType::Finalize) && !run.verified && run.verify_outputs.is_null()) earlier_verify(ctx, run);
      if (c1 != stages.end() && c1->second.task.state == TaskState::Done && !run.verified && run.verify_error.empty() &&
          !stages.count(TaskType::Finalize)) {
        verify(ctx, run, stages);
        if (req.verbose) {
          std::cerr << "sector " << run.plan.sector.miner << "/" << run.plan.sector.number << ": C1 proofs "
                    << (run.verified ? "verified" : "REJECTED: " + run.verify_error) << "\n";
        }
      }
      if (!run.verify_error.empty()) continue;
      if (auto next = next_pipeline_task(run.plan, stages, run.verified)) {
        store.submit(*next, wall_clock());
        all_finished = false;
        continue;
      }
      bool failed = false, finished = false;
      for (const auto& [t, s] : stages) failed |= s.task.state == TaskState::Failed || s.task.state == TaskState::Cancelled;
      auto fin = stages.find(TaskType::Finalize);
      finished = failed || (fin != stages.end() && fin->second.task.state == TaskState::Done);
      all_finished &= finished;
    }
    return all_finished;
  };
  RunOptions ro;
  ro.verbose = req.verbose;
  if (!advance()) run_engine(ctx, advance, ro);

  std::vector<SectorReport> reports;
  for (SectorRun& run : runs) {
    auto stages = stages_of(store, run.plan.sector);
    SectorReport rep;
    rep.sector = run.plan.sector;
    rep.verified = run.verified;
    nlohmann::json per_stage = nlohmann::json::object();
    std::string state = "done";
    for (TaskType t : kSealPipeline) {
      if (!in_pipeline(run.plan, t)) continue;
      auto it = stages.find(t);
      if (it == stages.end()) {
        if (state == "done") state = "incomplete";
        continue;
      }
      const TaskRecord& task = it->second.task;
      auto attempts = store.attempts_of(task.id);
      double secs = attempts.empty() || attempts.back().started_at == 0 ? 0 : attempts.back().ended_at - attempts.back().started_at;
      per_stage[std::string(short_name(t))] = {{"task", task.id}, {"state", std::string(task_state_name(task.state))},
                                               {"seconds", secs}, {"attempts", task.attempts},
                                               {"job", attempts.empty() ? "" : attempts.back().job_id},
                                               {"outputs", it->second.outputs}};
      if (task.state != TaskState::Done) {
        state = "failed";
        if (rep.error.empty()) rep.error = std::string(short_name(t)) + ": " + task.error;
      }
    }
    if (!run.verify_error.empty()) {
      state = "failed";
      rep.error = "verify: " + run.verify_error;
    }
    rep.state = state;
    rep.json = {{"sector", {{"miner", rep.sector.miner}, {"number", rep.sector.number}}},
                {"proof_type", run.plan.proof.id},
                {"registered_proof", run.plan.proof.name()},
                {"ticket", run.plan.ticket_hex},
                {"seed", run.plan.seed_hex},
                {"state", state},
                {"error", rep.error},
                {"verified", run.verified},
                {"verify", run.verify_outputs},
                {"stages", per_stage}};
    auto pc1 = per_stage.find("PC1"), pc2 = per_stage.find("PC2");
    if (pc1 != per_stage.end() && (*pc1)["outputs"].contains("comm_d")) rep.json["comm_d"] = (*pc1)["outputs"]["comm_d"];
    if (pc2 != per_stage.end() && (*pc2)["outputs"].contains("comm_r")) rep.json["comm_r"] = (*pc2)["outputs"]["comm_r"];
    if (auto c2 = per_stage.find("C2"); c2 != per_stage.end() && (*c2)["outputs"].contains("proof")) {
      rep.json["proof"] = {{"hex", (*c2)["outputs"]["proof"]}, {"bytes", (*c2)["outputs"]["bytes"]},
                           {"prover_seconds", (*c2)["outputs"]["prover_seconds"]}};
    }
    reports.push_back(rep);
  }
  return reports;
}

}  // namespace sa::adapter
