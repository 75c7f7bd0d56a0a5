// Registration, heartbeat, the worker API and the outbox.
#include "lotus/miner_link.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "base/error.hpp"
#include "engine/engine.hpp"
#include "lotus/remote_files.hpp"
#include "model/resources_json.hpp"
#include "publish/atomic_file.hpp"
#include "service/service_log.hpp"

namespace sa::adapter::lotus {

namespace {

// The storage path's identity as Lotus keeps it: <path>/sectorstore.json. Reusing an existing file means a
// lotus-miner (or lotus-worker) that attaches the same shared path is the same storage in the miner's
// index, and reads the files directly instead of fetching them.
std::string sectorstore_id(const std::filesystem::path& root) {
  const auto file = root / "sectorstore.json";
  std::ifstream in(file);
  if (in) {
    auto meta = nlohmann::json::parse(in, nullptr, false);
    if (meta.is_object() && meta.contains("ID") && meta["ID"].is_string() && meta["ID"].get<std::string>().size() == 36) {
      return meta["ID"].get<std::string>();
    }
    throw Error(ErrorKind::Config, file.string() + " exists but has no storage ID; fix or remove it");
  }
  std::filesystem::create_directories(root);
  nlohmann::json meta = {{"ID", new_uuid()}, {"Weight", 10}, {"CanSeal", true}, {"CanStore", true}, {"MaxStorage", 0}};
  staging::write_file_atomic(file, meta.dump(2) + "\n");
  return meta["ID"].get<std::string>();
}

std::string hostname() {
  char buf[256] = {};
  ::gethostname(buf, sizeof buf - 1);
  return buf;
}

}  // namespace

MinerLink::MinerLink(ApiInfo miner, Store& store, const SiteConfig& site, ResourceTable table, MinerLinkOptions options)
    : miner_(std::move(miner), 30),
      store_(store),
      site_(site),
      table_(std::move(table)),
      options_(std::move(options)),
      calls_(site.state_dir / "lotus-calls.db"),
      worker_(store, calls_, site, options_.push_wait_seconds),
      session_(new_uuid()),
      storage_id_(sectorstore_id(site.storage_dir)) {}

MinerLink::~MinerLink() { stop(); }

std::optional<std::set<std::string>> MinerLink::verify_miner_token(const std::string& token) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = token_cache_.find(token); it != token_cache_.end()) return it->second;
  }
  try {
    auto perms = miner_.call("Filecoin.AuthVerify", {token});
    if (!perms.is_array()) return std::nullopt;
    std::set<std::string> out;
    for (const auto& p : perms) {
      if (p.is_string()) out.insert(p.get<std::string>());
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (token_cache_.size() > 64) token_cache_.clear();
    token_cache_[token] = out;
    return out;
  } catch (const std::exception&) {
    return std::nullopt;  // the miner refused the token, or cannot be asked
  }
}

nlohmann::json MinerLink::info() const {
  std::uint64_t mem = 0;
  int cpus = 0;
  nlohmann::json gpus = nlohmann::json::array();
  for (const auto& p : site_.partitions) {
    mem += p.memory_per_node * static_cast<std::uint64_t>(p.nodes);
    cpus += p.cpus_per_node * p.nodes;
    for (int i = 0; i < p.gpus_per_node * p.nodes; ++i) gpus.push_back(p.gpu_type.empty() ? p.name + " GPU" : p.gpu_type);
  }
  nlohmann::json res = nlohmann::json::object();
  for (TaskType t : kTaskTypes) {
    for (std::int64_t id = 0; id <= params::kMaxSealProofId; ++id) {
      res[std::string(task_string(t))][std::to_string(id)] = to_lotus_json(table_.get(t, *params::seal_proof_from_id(id)));
    }
  }
  return {{"Hostname", hostname() + "/sealadapter"},
          {"IgnoreResources", false},
          {"Resources",
           {{"MemPhysical", mem}, {"MemUsed", 0}, {"MemSwap", 0}, {"MemSwapUsed", 0}, {"CPUs", cpus}, {"GPUs", gpus},
            {"Resources", res}}}};
}

nlohmann::json MinerLink::storage_info() const {
  return {{"ID", storage_id_},         {"URLs", {own_url_ + "/remote"}},
          {"Weight", 10},              {"MaxStorage", 0},
          {"CanSeal", true},           {"CanStore", true},
          {"Groups", nullptr},         {"AllowTo", nullptr},
          {"AllowTypes", nullptr},     {"DenyTypes", nullptr},
          {"AllowMiners", nullptr},    {"DenyMiners", nullptr}};
}

nlohmann::json MinerLink::fs_stat() const {
  struct statvfs s {};
  std::uint64_t cap = 0, avail = 0;
  if (::statvfs(site_.storage_dir.c_str(), &s) == 0) {
    cap = static_cast<std::uint64_t>(s.f_blocks) * s.f_frsize;
    avail = static_cast<std::uint64_t>(s.f_bavail) * s.f_frsize;
  }
  return {{"Capacity", cap}, {"Available", avail}, {"FSAvailable", avail}, {"Reserved", 0}, {"Max", 0}, {"Used", cap - avail}};
}

void MinerLink::add_methods(RpcServer& server) {
  auto sync = [&server](const std::string& name, std::function<nlohmann::json(const RpcRequest&)> fn) {
    server.add("Filecoin." + name, Permission::Admin, std::move(fn));
  };
  sync("Version", [](const RpcRequest&) { return kWorkerApiVersion; });
  sync("Session", [this](const RpcRequest&) { return session_; });
  sync("ProcessSession", [this](const RpcRequest&) { return session_; });
  sync("Enabled", [](const RpcRequest&) { return true; });
  sync("Info", [this](const RpcRequest&) { return info(); });
  sync("TaskTypes", [this](const RpcRequest&) { return worker_.task_types(); });
  sync("Paths", [this](const RpcRequest&) {
    return nlohmann::json::array({{{"ID", storage_id_}, {"Weight", 10}, {"LocalPath", site_.storage_dir.string()},
                                   {"CanSeal", true}, {"CanStore", true}}});
  });
  sync("StorageLocal", [this](const RpcRequest&) { return nlohmann::json{{storage_id_, site_.storage_dir.string()}}; });
  sync("WaitQuiet", [](const RpcRequest&) { return nullptr; });
  worker_.add_methods(server);
  add_remote_routes(server, site_.storage_dir, storage_id_, [this] { return fs_stat(); });
  // Deal data the miner streams for AddPiece ("push" readers); Lotus sends it without a token.
  server.add_upload("/rpc/streams/v0/push/", Permission::Admin,
                    [this](const std::string& id, const BodyReader& body) { return worker_.receive_push(id, body); });
}

bool MinerLink::register_with_miner() {
  try {
    auto v = miner_.call("Filecoin.Version", nlohmann::json::array());
    std::uint32_t api = v.value("APIVersion", 0u);
    if ((api >> 8) != (kMinerApiVersion >> 8)) {
      log_event(LogLevel::Error, "miner-version", {{"api_version", std::to_string(api)}, {"want", std::to_string(kMinerApiVersion)}});
      return false;
    }
    miner_session_ = miner_.call("Filecoin.Session", nlohmann::json::array()).get<std::string>();
    miner_.call("Filecoin.StorageAttach", {storage_info(), fs_stat()});
    miner_.call("Filecoin.WorkerConnect", {own_url_ + "/rpc/v0"});
    connected_ = true;
    log_event(LogLevel::Info, "miner-connected", {{"miner", miner_.info().url()}, {"session", session_}, {"storage", storage_id_}});
    wake_.notify_all();
    return true;
  } catch (const std::exception& e) {
    log_event(LogLevel::Warn, "miner-unreachable", {{"miner", miner_.info().url()}, {"error", e.what()}});
    return false;
  }
}

void MinerLink::connect_loop() {
  while (!stopping_) {
    double wait = 1;  // lotus-worker retries the connection every second
    if (!connected_) {
      if (register_with_miner()) wait = options_.heartbeat_seconds;
    } else {
      wait = options_.heartbeat_seconds;
      try {
        auto s = miner_.call("Filecoin.Session", nlohmann::json::array()).get<std::string>();
        if (s != miner_session_) {
          log_event(LogLevel::Warn, "miner-restarted", {{"old", miner_session_}, {"new", s}});
          connected_ = false;
          wait = 0;
        } else {
          miner_.call("Filecoin.StorageReportHealth", {storage_id_, {{"Stat", fs_stat()}, {"Err", ""}}});
        }
      } catch (const std::exception& e) {
        log_event(LogLevel::Warn, "miner-lost", {{"error", e.what()}});
        connected_ = false;
        wait = 1;
      }
    }
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, std::chrono::duration<double>(wait), [this] { return stopping_.load(); });
  }
}

bool MinerLink::miner_has_return(const CallId& id) {
  // The miner lists a call under its worker until the Return arrives (RunWait >= 0), or as ret-wait (-1)
  // after its own restart; -2/-3 are returned; not listed at all means it no longer waits for it.
  const nlohmann::json jobs = miner_.call("Filecoin.WorkerJobs", nlohmann::json::array());
  if (!jobs.is_object()) throw Error(ErrorKind::Io, "WorkerJobs: the miner's answer is not an object", Retry::Retryable);
  for (const auto& [worker, list] : jobs.items()) {
    if (!list.is_array()) continue;
    for (const auto& job : list) {
      if (!job.is_object() || !job.contains("ID") || !job["ID"].is_object()) continue;
      if (job["ID"].value("ID", "") == id.id) return job.value("RunWait", 0) <= -2;
    }
  }
  return true;
}

bool MinerLink::send(const CallRecord& c) {
  try {
    if (c.send_attempts > 0 && miner_has_return(c.id)) {
      calls_.mark_returned(c.id.id, wall_clock());
      log_event(LogLevel::Info, "already-returned", {{"call", call_id_string(c.id)}, {"method", c.return_method},
                                                     {"tries", std::to_string(c.send_attempts)}});
      return true;
    }
    calls_.begin_send(c.id.id);
    const bool ok = c.return_params.back().is_null();
    nlohmann::json declare = c.declare;
    if (ok && (c.method == "AddPiece" || c.method == "UnsealPiece")) declare = {kFtUnsealed};
    if (ok && (c.method == "SealPreCommit2" || c.method == "FinalizeSector")) declare = {kFtSealed, kFtCache};
    for (const auto& ft : declare) {
      for (int bit : {kFtUnsealed, kFtSealed, kFtCache}) {
        if (ft.get<int>() & bit) miner_.call("Filecoin.StorageDeclareSector", {storage_id_, sector_id_json(c.id.sector), bit, true});
      }
    }
    miner_.call("Filecoin." + c.return_method, c.return_params);
    calls_.mark_returned(c.id.id, wall_clock());
    log_event(LogLevel::Info, "returned", {{"call", call_id_string(c.id)}, {"method", c.return_method},
                                           {"ok", ok ? "true" : "false"}, {"tries", std::to_string(c.send_attempts + 1)}});
    return true;
  } catch (const std::exception& e) {
    double backoff = std::min(options_.max_backoff_seconds, 5.0 * (1 << std::min(c.send_attempts, 4)));
    calls_.defer(c.id.id, wall_clock() + backoff, e.what());
    log_event(LogLevel::Warn, "return-deferred", {{"call", call_id_string(c.id)}, {"method", c.return_method},
                                                  {"retry_in", std::to_string(static_cast<int>(backoff)) + "s"}, {"error", e.what()}});
    return false;
  }
}

void MinerLink::send_loop() {
  while (!stopping_) {
    if (connected_) {
      double now = wall_clock();
      for (const CallRecord& c : calls_.with_state(CallState::Ready)) {
        if (stopping_ || !connected_) break;
        if (c.next_try <= now) send(c);
      }
    }
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, std::chrono::milliseconds(500), [this] { return stopping_.load(); });
  }
}

// Downloads and pushed data are waited for here, not on the engine thread: a download may take minutes.
void MinerLink::data_loop() {
  while (!stopping_) {
    try {
      if (worker_.stage_data() > 0) wake_.notify_all();
    } catch (const std::exception& e) {
      log_event(LogLevel::Error, "piece-data-failed", {{"error", e.what()}});
    }
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, std::chrono::milliseconds(500), [this] { return stopping_.load(); });
  }
}

void MinerLink::start(const std::string& own_url) {
  own_url_ = options_.advertise_url.empty() ? own_url : options_.advertise_url;
  stopping_ = false;
  connect_thread_ = std::thread([this] { connect_loop(); });
  send_thread_ = std::thread([this] { send_loop(); });
  data_thread_ = std::thread([this] { data_loop(); });
}

void MinerLink::after_cycle() {
  if (worker_.settle() > 0) wake_.notify_all();
}

void MinerLink::stop() {
  stopping_ = true;
  wake_.notify_all();
  if (connect_thread_.joinable()) connect_thread_.join();
  if (send_thread_.joinable()) send_thread_.join();
  if (data_thread_.joinable()) data_thread_.join();
}

}  // namespace sa::adapter::lotus
