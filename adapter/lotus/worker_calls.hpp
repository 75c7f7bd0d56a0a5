// The miner's sealing calls (Filecoin.AddPiece, SealPreCommit1, ...): each is checked, recorded with a new
// CallID and becomes a task (answered at once; the task runs as a batch job), or is answered without a job
// where there is nothing to compute (Fetch and MoveStorage on a shared filesystem). settle() turns ended
// tasks into their Return* (lotus.md §5.5/5.6); the outbox sends them.
//
// AddPiece with deal data ("http" or "push" readers, piece_data.hpp) is answered at once too; the call waits
// without a task until stage_data() has the bytes on the shared storage, then its AP task is submitted.
//
// PreCommit1Out and Commit1Out are base64 of JSON documents (docs/07-lotus-worker.md): PreCommit1Out holds
// what PC2 needs (comm_d, replica_id, proof, ticket, and Lotus's "_lotus_SealRandomness"); Commit1Out is
// Filecoin's SealCommitPhase1Output, which SealCommit2 takes back (from any worker's C1) when the site has
// a prover, returning the proof bytes.
#pragma once

#include <filesystem>
#include <functional>

#include "config/site_config.hpp"
#include "lotus/call_store.hpp"
#include "lotus/piece_data.hpp"
#include "service/rpc_server.hpp"
#include "store/store.hpp"

namespace sa::adapter::lotus {

class WorkerCalls {
 public:
  // A "push" AddPiece whose data has not arrived `push_wait_seconds` after the call fails.
  WorkerCalls(Store& store, CallStore& calls, const SiteConfig& site, double push_wait_seconds = 60);

  // Registers the asynchronous Filecoin.* methods (admin permission).
  void add_methods(RpcServer& server);
  // Builds the return of every running call whose task has ended; returns how many became ready.
  int settle();
  // Stages the data of AddPiece calls waiting for it (downloads block; one thread calls this) and submits
  // their tasks; a call whose data cannot be had gets its CallError. Returns how many became ready.
  int stage_data();
  // The /rpc/streams/v0/push/<uuid> handler.
  std::pair<int, std::string> receive_push(const std::string& uuid, const BodyReader& body) const {
    return data_.receive_push(uuid, body);
  }
  // The method names the site can serve, as Lotus task strings ("seal/v0/addpiece", ...).
  nlohmann::json task_types() const;

 private:
  CallId accept(const std::string& method, const LotusSector& s, TaskType type, nlohmann::json inputs,
                nlohmann::json context, int priority = 0);
  // The task for a call (created, or found: the miner's retry of a failed task gives it new attempts).
  std::int64_t submit_task(const std::string& method, const SectorRef& sector, const params::SealProof& proof,
                           TaskType type, const nlohmann::json& inputs, int priority);
  CallId accept_data(const LotusSector& s, const nlohmann::json& existing, std::uint64_t size, const std::string& type,
                     const std::string& info);
  std::optional<DataFailure> fetch_data(const nlohmann::json& data) const;
  CallId answer_now(const std::string& method, const LotusSector& s, const std::string& return_method,
                    const nlohmann::json& result, const nlohmann::json& error, nlohmann::json declare = nlohmann::json::array());
  nlohmann::json build_return(const CallRecord& c, const TaskRecord& t, std::string& return_method) const;

  Store& store_;
  CallStore& calls_;
  const SiteConfig& site_;
  double push_wait_seconds_;
  PieceData data_;
};

}  // namespace sa::adapter::lotus
