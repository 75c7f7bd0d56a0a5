// Miner calls -> tasks, ended tasks -> Return* params.
#include "lotus/worker_calls.hpp"

#include "filecoin/commit1_out.hpp"
#include "lotus/commit2_call.hpp"
#include "lotus/precommit1_call.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "base/error.hpp"
#include "engine/engine.hpp"
#include "layout/lotus_paths.hpp"
#include "piece/cid.hpp"
#include "piece/commitment.hpp"

namespace sa::adapter::lotus {

namespace {

const nlohmann::json& param(const RpcRequest& r, std::size_t i, const char* name) { return rpc_param(r, i, name); }

std::string comm_hex(const std::string& cid) { return kernels::to_hex(kernels::parse_comm_cid(cid).comm); }

// PC1 through C2 here prove the interactive challenges (V1, V1_1); a Synthetic or NI-PoRep sector is refused
// at once rather than sealed to a C1 that cannot prove it (docs/08-filecoin-formats.md §5).
LotusSector sealable(const std::string& method, LotusSector s) {
  if (!jobs::filecoin::interactive(s.proof)) {
    throw Error(ErrorKind::Usage, method + ": " + s.proof.name() + " is not sealed by this worker (interactive PoRep "
                                  "V1 and V1_1 only; Synthetic PoRep and NI-PoRep are not served)");
  }
  return s;
}

// Whether the call's Return* carries a value before its CallError.
bool returns_value(const std::string& method) {
  return method == "AddPiece" || method == "SealPreCommit1" || method == "SealPreCommit2" || method == "SealCommit1" ||
         method == "SealCommit2";
}

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::Io, "cannot read " + path, Retry::Retryable);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

WorkerCalls::WorkerCalls(Store& store, CallStore& calls, const SiteConfig& site, double push_wait_seconds)
    : store_(store), calls_(calls), site_(site), push_wait_seconds_(push_wait_seconds), data_(site.storage_dir) {}

nlohmann::json WorkerCalls::task_types() const {
  nlohmann::json out = nlohmann::json::object();
  // C2 only where a partition that accepts it has a prover; otherwise the miner routes it elsewhere.
  for (TaskType t : {TaskType::AddPiece, TaskType::PreCommit1, TaskType::PreCommit2, TaskType::Commit1,
                     TaskType::Commit2, TaskType::Finalize, TaskType::Unseal}) {
    if (site_.serves(t)) out[std::string(task_string(t))] = nlohmann::json::object();
  }
  // Moving and fetching are answered here (the storage is the shared filesystem), so always served.
  out[std::string(task_string(TaskType::Fetch))] = nlohmann::json::object();
  return out;
}

std::int64_t WorkerCalls::submit_task(const std::string& method, const SectorRef& sector, const params::SealProof& proof,
                                      TaskType type, const nlohmann::json& inputs, int priority) {
  NewTask n;
  n.sector = sector;
  n.type = type;
  n.proof = proof;
  n.priority = priority;
  n.inputs = inputs;
  double now = wall_clock();
  SubmitOutcome out = store_.submit(n, now);
  if (!out.created && out.task.inputs != n.inputs) {
    // A sector is unsealed as often as the miner asks: an ended Unseal runs again for the new range.
    if (type == TaskType::Unseal && is_terminal(out.task.state)) return store_.resubmit(out.task.id, n.inputs, now).id;
    throw Error(ErrorKind::Usage, method + ": sector " + std::to_string(sector.number) + " already has a " +
                                      std::string(short_name(type)) + " task with other inputs (task " +
                                      std::to_string(out.task.id) + ")");
  }
  // The miner retries a task that failed: the same call again gives the task new attempts.
  if (!out.created && (out.task.state == TaskState::Failed || out.task.state == TaskState::Cancelled)) {
    store_.retry(out.task.id, 1, now);
  }
  return out.task.id;
}

CallId WorkerCalls::accept(const std::string& method, const LotusSector& s, TaskType type, nlohmann::json inputs,
                           nlohmann::json context, int priority) {
  // The task first, then the call: a crash between the two leaves a task but no CallID the miner ever saw,
  // and the miner's retry of the call finds the same task (submit is idempotent per sector and type).
  CallRecord c;
  c.id = CallId{s.sector, new_uuid()};
  c.method = method;
  c.context = std::move(context);
  c.context["task"] = {{"type", std::string(short_name(type))}, {"proof", s.proof.id}, {"inputs", inputs}};
  c.created_at = wall_clock();
  c.task_id = submit_task(method, s.sector, s.proof, type, inputs, priority);
  calls_.add(c);
  return c.id;
}

CallId WorkerCalls::accept_data(const LotusSector& s, const nlohmann::json& existing, std::uint64_t size,
                                const std::string& type, const std::string& info) {
  std::uint64_t used = 0;
  for (const auto& e : existing) {
    if (!e.is_number_unsigned()) throw Error(ErrorKind::Usage, "AddPiece: bad piece sizes");
    used += e.get<std::uint64_t>();
  }
  if (type == "push" && !PieceData::is_uuid(info)) throw Error(ErrorKind::Usage, "AddPiece: push stream id \"" + info + "\" is not a UUID");
  // Named by sector and offset, so the miner's retry of the same AddPiece makes the same task.
  auto staged = site_.storage_dir / "piece" / (staging::sector_name({s.sector.miner, s.sector.number}) + "-at-" + std::to_string(used));
  nlohmann::json inputs = {{"pieces", {{{"kind", "file"}, {"path", staged.string()}, {"piece_size", size}}}}, {"existing_pieces", existing}};
  CallRecord c;
  c.id = CallId{s.sector, new_uuid()};
  c.method = "AddPiece";
  c.created_at = wall_clock();
  c.context = {{"data", {{"type", type}, {"info", info}, {"size", size}, {"path", staged.string()}}},
               {"task", {{"type", "AP"}, {"proof", s.proof.id}, {"inputs", inputs}}}};
  calls_.add(c);  // task_id 0 until stage_data() has the bytes
  return c.id;
}

std::optional<DataFailure> WorkerCalls::fetch_data(const nlohmann::json& data) const {
  const std::string type = data.at("type"), info = data.at("info");
  const std::uint64_t size = data.at("size");
  const std::filesystem::path staged = data.at("path").get<std::string>();
  if (type == "http") return data_.download(info, size, staged);
  std::error_code ec;
  auto pushed = data_.push_path(info);
  if (!std::filesystem::exists(pushed, ec)) {
    // A crash after the pushed body was moved into place leaves it there.
    if (std::filesystem::exists(staged, ec) && std::filesystem::file_size(staged, ec) == size) return std::nullopt;
    return DataFailure{-1, ""};  // not yet
  }
  auto got = std::filesystem::file_size(pushed, ec);
  if (got != size) {
    std::filesystem::remove(pushed, ec);
    return DataFailure{0, "push stream " + info + " sent " + std::to_string(got) + " bytes, not the piece size " + std::to_string(size)};
  }
  std::filesystem::rename(pushed, staged);
  return std::nullopt;
}

int WorkerCalls::stage_data() {
  int ready = 0;
  data_.drop_unclaimed(std::max(600.0, 10 * push_wait_seconds_));
  for (const CallRecord& c : calls_.with_state(CallState::Running)) {
    if (c.task_id != 0 || !c.context.contains("data")) continue;
    const auto& data = c.context["data"];
    std::optional<DataFailure> failed;
    try {
      failed = fetch_data(data);
      if (failed && failed->code < 0) {
        if (wall_clock() - c.created_at < push_wait_seconds_) continue;
        failed = DataFailure{kErrUnknown, "no data was pushed to /rpc/streams/v0/push/" + data.at("info").get<std::string>() +
                                              " within " + std::to_string(static_cast<int>(push_wait_seconds_)) + " s"};
      }
      if (!failed) {
        const auto& task = c.context.at("task");
        auto proof = params::seal_proof_from_id(task.at("proof").get<std::int64_t>());
        calls_.set_task(c.id.id, submit_task("AddPiece", c.id.sector, *proof, TaskType::AddPiece, task.at("inputs"), 0));
        continue;
      }
    } catch (const std::exception& e) {
      failed = DataFailure{kErrTempUnknown, e.what()};
    }
    nlohmann::json params = {call_id_json(c.id), nullptr, call_error(failed->code, "AP: " + failed->message)};
    if (calls_.set_ready(c.id.id, "ReturnAddPiece", params)) ++ready;
  }
  return ready;
}

CallId WorkerCalls::answer_now(const std::string& method, const LotusSector& s, const std::string& return_method,
                               const nlohmann::json& result, const nlohmann::json& error, nlohmann::json declare) {
  CallRecord c;
  c.id = CallId{s.sector, new_uuid()};
  c.method = method;
  c.created_at = wall_clock();
  c.declare = std::move(declare);
  calls_.add(c);
  nlohmann::json params = nlohmann::json::array({call_id_json(c.id)});
  if (!result.is_discarded()) params.push_back(result);
  params.push_back(error);
  calls_.set_ready(c.id.id, return_method, params);
  return c.id;
}

void WorkerCalls::add_methods(RpcServer& server) {
  auto add = [&server](const std::string& name, std::function<CallId(const RpcRequest&)> fn) {
    server.add("Filecoin." + name, Permission::Admin, [fn](const RpcRequest& r) { return call_id_json(fn(r)); });
  };
  add("AddPiece", [this](const RpcRequest& r) {
    LotusSector s = parse_sector_ref(param(r, 0, "sector"));
    const auto& existing = param(r, 1, "pieceSizes");
    const auto& size = param(r, 2, "newPieceSize");
    const auto& data = param(r, 3, "pieceData");
    if (!existing.is_array() || !size.is_number_unsigned()) throw Error(ErrorKind::Usage, "AddPiece: bad piece sizes");
    std::string type = data.is_object() && data.contains("Type") && data["Type"].is_string() ? data["Type"].get<std::string>() : "";
    if (type == "null") {
      return accept("AddPiece", s, TaskType::AddPiece,
                    {{"pieces", {{{"kind", "zero"}, {"size", size}}}}, {"existing_pieces", existing}}, {});
    }
    if ((type == "http" || type == "push") && data.contains("Info") && data["Info"].is_string()) {
      return accept_data(s, existing, size.get<std::uint64_t>(), type, data["Info"].get<std::string>());
    }
    throw Error(ErrorKind::Usage, "AddPiece: the data reader must be {\"Type\": \"null\", \"http\" or \"push\", \"Info\": string}; got " + data.dump());
  });
  add("SealPreCommit1", [this](const RpcRequest& r) {
    LotusSector s = sealable("SealPreCommit1", parse_sector_ref(param(r, 0, "sector")));
    std::string ticket = randomness_hex(param(r, 1, "ticket"), "ticket");
    nlohmann::json pieces = nlohmann::json::array();
    for (const auto& p : param(r, 2, "pieces")) {
      if (!p.is_object() || !p.contains("Size") || !p["Size"].is_number_unsigned()) throw Error(ErrorKind::Usage, "PieceInfo.Size must be an integer");
      pieces.push_back({{"size", p["Size"]}, {"cid", parse_cid(p.value("PieceCID", nlohmann::json()), "PieceInfo.PieceCID")}});
    }
    return accept("SealPreCommit1", s, TaskType::PreCommit1, {{"ticket", ticket}, {"pieces", pieces}},
                  {{"ticket", ticket}, {"ticket_b64", param(r, 1, "ticket")}});
  });
  add("SealPreCommit2", [this](const RpcRequest& r) {
    LotusSector s = sealable("SealPreCommit2", parse_sector_ref(param(r, 0, "sector")));
    auto in = checked_precommit1_out(param(r, 1, "pc1o"), s, store_, site_.storage_dir);
    nlohmann::json inputs = nlohmann::json::object();
    if (in.lotus_pc1) inputs["pc1"] = "lotus";
    return accept("SealPreCommit2", s, TaskType::PreCommit2, inputs, {{"comm_d_cid", kernels::comm_d_cid(in.doc.comm_d)}});
  });
  add("SealCommit1", [this](const RpcRequest& r) {
    LotusSector s = sealable("SealCommit1", parse_sector_ref(param(r, 0, "sector")));
    std::string ticket = randomness_hex(param(r, 1, "ticket"), "ticket");
    std::string seed = randomness_hex(param(r, 2, "seed"), "seed");
    const auto& cids = param(r, 4, "cids");
    if (!cids.is_object()) throw Error(ErrorKind::Usage, "SectorCids must be an object");
    std::string d = parse_cid(cids.value("Unsealed", nlohmann::json()), "SectorCids.Unsealed");
    std::string rr = parse_cid(cids.value("Sealed", nlohmann::json()), "SectorCids.Sealed");
    nlohmann::json inputs = {{"ticket", ticket}, {"seed", seed}, {"comm_d", comm_hex(d)}, {"comm_r", comm_hex(rr)}};
    return accept("SealCommit1", s, TaskType::Commit1, inputs, inputs);
  });
  add("SealCommit2", [this](const RpcRequest& r) {
    LotusSector s = sealable("SealCommit2", parse_sector_ref(param(r, 0, "sector")));
    if (!site_.serves(TaskType::Commit2)) {
      return answer_now("SealCommit2", s, "ReturnSealCommit2", nullptr,
                        call_error(kErrUnknown, "SealCommit2: no partition of this site has a C2 prover; route C2 to a GPU lotus-worker"));
    }
    const auto& c1o = param(r, 1, "c1o");
    if (!c1o.is_string()) throw Error(ErrorKind::Usage, "Commit1Out: must be base64 bytes");
    std::string bytes = base64_decode(c1o.get<std::string>(), "Commit1Out");
    std::filesystem::path file = commit1_out_for_c2(s, bytes, site_.state_dir);
    return accept("SealCommit2", s, TaskType::Commit2, {{"commit1_out", file.string()}}, {});
  });
  add("UnsealPiece", [this](const RpcRequest& r) {
    LotusSector s = parse_sector_ref(param(r, 0, "sector"));
    const auto& offset = param(r, 1, "offset");
    const auto& size = param(r, 2, "size");
    if (!offset.is_number_unsigned() || !size.is_number_unsigned() || size.get<std::uint64_t>() == 0) {
      throw Error(ErrorKind::Usage, "UnsealPiece: offset and size must be unsigned integers (unpadded bytes), size > 0");
    }
    if (offset.get<std::uint64_t>() % 127 != 0 || size.get<std::uint64_t>() % 127 != 0) {
      throw Error(ErrorKind::Usage, "UnsealPiece: offset and size must be multiples of 127 (a piece's unpadded range)");
    }
    std::string ticket = randomness_hex(param(r, 3, "randomness"), "randomness");
    std::string comm_d = comm_hex(parse_cid(param(r, 4, "commd"), "commd"));
    return accept("UnsealPiece", s, TaskType::Unseal,
                  {{"ticket", ticket}, {"comm_d", comm_d}, {"offset", offset}, {"size", size}, {"into_unsealed", true}}, {});
  });
  add("FinalizeSector", [this](const RpcRequest& r) {
    return accept("FinalizeSector", parse_sector_ref(param(r, 0, "sector")), TaskType::Finalize, nlohmann::json::object(), {});
  });
  add("ReleaseUnsealed", [this](const RpcRequest& r) {
    LotusSector s = parse_sector_ref(param(r, 0, "sector"));
    const auto& keep = r.params.size() > 1 ? r.params[1] : nlohmann::json::array();
    if (!keep.is_null() && !keep.is_array()) throw Error(ErrorKind::Usage, "ReleaseUnsealed: keepUnsealed must be a list of ranges");
    if (keep.is_null() || keep.empty()) {
      std::error_code ec;
      std::filesystem::remove(staging::LotusLayout(site_.storage_dir).unsealed({s.sector.miner, s.sector.number}), ec);
    }
    return answer_now("ReleaseUnsealed", s, "ReturnReleaseUnsealed", nlohmann::json(nlohmann::json::value_t::discarded), nullptr);
  });
  // The storage is the cluster's shared filesystem: every node already sees the files, so moving and
  // fetching are done once the files are declared where they are.
  add("MoveStorage", [this](const RpcRequest& r) {
    LotusSector s = parse_sector_ref(param(r, 0, "sector"));
    const auto& types = param(r, 1, "types");
    if (!types.is_number_unsigned()) throw Error(ErrorKind::Usage, "MoveStorage: SectorFileType must be an integer");
    return answer_now("MoveStorage", s, "ReturnMoveStorage", nlohmann::json(nlohmann::json::value_t::discarded), nullptr,
                      {types.get<int>() & (kFtSealed | kFtCache | kFtUnsealed)});
  });
  add("Fetch", [this](const RpcRequest& r) {
    LotusSector s = parse_sector_ref(param(r, 0, "sector"));
    const auto& types = param(r, 1, "fileType");
    if (!types.is_number_unsigned()) throw Error(ErrorKind::Usage, "Fetch: SectorFileType must be an integer");
    return answer_now("Fetch", s, "ReturnFetch", nlohmann::json(nlohmann::json::value_t::discarded), nullptr);
  });
}

nlohmann::json WorkerCalls::build_return(const CallRecord& c, const TaskRecord& t, std::string& method) const {
  method = "Return" + c.method;
  nlohmann::json params = nlohmann::json::array({call_id_json(c.id)});
  const bool has_value = returns_value(c.method);
  if (t.state != TaskState::Done) {
    if (has_value) params.push_back(nullptr);
    std::string why = t.state == TaskState::Cancelled ? "cancelled on the sealadapter side" : t.error;
    params.push_back(call_error(t.error_temporary ? kErrTempUnknown : kErrUnknown, std::string(short_name(t.type)) + ": " + why));
    return params;
  }
  nlohmann::json out = store_.result_of(t.id).value_or(nlohmann::json::object());
  if (c.method == "AddPiece") {
    const auto& p = out.at("pieces").back();
    params.push_back({{"Size", p.at("size")}, {"PieceCID", cid_json(p.at("cid"))}});
  } else if (c.method == "SealPreCommit1") {
    // Filecoin's SealPreCommitPhase1Output, as a real lotus-worker returns it.
    params.push_back(base64_encode(precommit1_out_for(t, out, c.context.at("ticket"), site_.storage_dir)));
  } else if (c.method == "SealPreCommit2") {
    params.push_back({{"Unsealed", cid_json(c.context.at("comm_d_cid"))}, {"Sealed", cid_json(out.at("comm_r").at("cid"))}});
  } else if (c.method == "SealCommit1") {
    // C1 published Filecoin's own Commit1Out (SealCommitPhase1Output): its bytes go to the miner as they are.
    params.push_back(base64_encode(file_text(out.at("proofs").get<std::string>())));
  } else if (c.method == "SealCommit2") {
    params.push_back(base64_encode(proof_bytes(out.at("proof").get<std::string>())));
  }
  params.push_back(nullptr);
  return params;
}

int WorkerCalls::settle() {
  int ready = 0;
  for (const CallRecord& c : calls_.with_state(CallState::Running)) {
    auto t = store_.task(c.task_id);
    if (!t) continue;
    if (!is_terminal(t->state)) continue;
    if (c.context.contains("data")) {  // the staged deal data is in the unsealed file now, or staged again on a retry
      std::error_code ec;
      std::filesystem::remove(c.context["data"].value("path", ""), ec);
    }
    std::string method;
    nlohmann::json params;
    try {
      params = build_return(c, *t, method);
    } catch (const std::exception& e) {
      // Outputs that cannot be read (a proofs file gone missing) still end the call, as a temporary error.
      method = "Return" + c.method;
      params = nlohmann::json::array({call_id_json(c.id)});
      if (returns_value(c.method)) params.push_back(nullptr);
      params.push_back(call_error(kErrTempUnknown, std::string("cannot build the result: ") + e.what()));
    }
    if (calls_.set_ready(c.id.id, method, params)) ++ready;
  }
  return ready;
}

}  // namespace sa::adapter::lotus
