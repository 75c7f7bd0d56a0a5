// The miner's sealing calls (Filecoin.AddPiece, SealPreCommit1, ...): each is checked, recorded with a new
// CallID and becomes a task (answered at once; the task runs as a batch job), or is answered without a job
// where there is nothing to compute (Fetch and MoveStorage on a shared filesystem). settle() turns ended
// tasks into their Return* (lotus.md §5.5/5.6); the outbox sends them.
//
// PreCommit1Out and Commit1Out are base64 of JSON documents (docs/07-lotus-worker.md): PreCommit1Out holds
// what PC2 needs (comm_d, replica_id, proof, ticket, and Lotus's "_lotus_SealRandomness"); Commit1Out holds
// the commitments, ticket, seed and the vanilla proofs file that a Commit2 stage consumes.
#pragma once

#include <filesystem>
#include <functional>

#include "config/site_config.hpp"
#include "lotus/call_store.hpp"
#include "service/rpc_server.hpp"
#include "store/store.hpp"

namespace sa::adapter::lotus {

class WorkerCalls {
 public:
  WorkerCalls(Store& store, CallStore& calls, const SiteConfig& site);

  // Registers the asynchronous Filecoin.* methods (admin permission).
  void add_methods(RpcServer& server);
  // Builds the return of every running call whose task has ended; returns how many became ready.
  int settle();
  // The method names the site can serve, as Lotus task strings ("seal/v0/addpiece", ...).
  nlohmann::json task_types() const;

 private:
  CallId accept(const std::string& method, const LotusSector& s, TaskType type, nlohmann::json inputs,
                nlohmann::json context, int priority = 0);
  CallId answer_now(const std::string& method, const LotusSector& s, const std::string& return_method,
                    const nlohmann::json& result, const nlohmann::json& error, nlohmann::json declare = nlohmann::json::array());
  nlohmann::json build_return(const CallRecord& c, const TaskRecord& t, std::string& return_method) const;

  Store& store_;
  CallStore& calls_;
  const SiteConfig& site_;
};

}  // namespace sa::adapter::lotus
