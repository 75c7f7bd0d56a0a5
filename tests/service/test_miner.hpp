// A lotus-miner for tests, speaking the shapes of lotus.md §5: it answers a worker's registration
// (Version, Session, AuthVerify, StorageAttach, StorageDeclareSector, StorageReportHealth, WorkerConnect,
// after which it calls the worker's Session, Version, Info, TaskTypes and Paths), records every Return*
// by CallID, and calls the worker's sealing methods with its own admin token. Like Lotus's WorkerJobs it
// lists the calls whose return it still waits for. It can refuse returns (as a miner that is down would)
// to fill the worker's outbox, or take a return and lose the answer (a reply lost on the way back).
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace sa::test {

class TestMiner {
 public:
  static constexpr const char* kToken = "test-miner-admin-token";

  TestMiner() {
    server_.Post("/rpc/v0", [this](const httplib::Request& req, httplib::Response& res) {
      auto j = nlohmann::json::parse(req.body, nullptr, false);
      nlohmann::json out = {{"jsonrpc", "2.0"}, {"id", j.is_object() ? j.value("id", nlohmann::json()) : nullptr}};
      if (req.get_header_value("Authorization") != std::string("Bearer ") + kToken) {
        out["error"] = {{"code", -32001}, {"message", "unauthorised"}};
      } else {
        try {
          out["result"] = handle(j.at("method").get<std::string>(), j.value("params", nlohmann::json::array()));
        } catch (const std::exception& e) {
          out["error"] = {{"code", 1}, {"message", e.what()}};
        }
      }
      res.set_content(out.dump(), "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~TestMiner() {
    server_.stop();
    thread_.join();
  }

  std::string api_info() const { return std::string(kToken) + ":/ip4/127.0.0.1/tcp/" + std::to_string(port_) + "/http"; }

  // Refuse (with an error) every Return* while set.
  void refuse_returns(bool v) { refuse_ = v; }
  // Record every Return* but answer with an error while set, as if the reply were lost.
  void lose_answers(bool v) { lose_answers_ = v; }
  // A new session id, as a restarted miner has.
  void restart_session() {
    std::lock_guard<std::mutex> lock(mutex_);
    session_ = "miner-session-" + std::to_string(++restarts_);
  }

  // Calls the registered worker.
  nlohmann::json call_worker(const std::string& method, const nlohmann::json& params) {
    httplib::Client cli = worker_client();
    cli.set_read_timeout(30, 0);  // the miner's per-call timeout
    nlohmann::json req = {{"jsonrpc", "2.0"}, {"id", ++next_id_}, {"method", "Filecoin." + method}, {"params", params}};
    auto res = cli.Post("/rpc/v0", {{"Authorization", std::string("Bearer ") + kToken}}, req.dump(), "application/json");
    if (!res) throw std::runtime_error("worker unreachable");
    auto body = nlohmann::json::parse(res->body);
    if (body.contains("error")) throw std::runtime_error(body["error"].dump());
    const auto& result = body["result"];
    if (result.is_object() && result.contains("ID") && result.contains("Sector")) {  // a CallID: wait for it
      std::lock_guard<std::mutex> lock(mutex_);
      waiting_[result["ID"].get<std::string>()] = {{"ID", result}, {"Sector", result["Sector"]}, {"Task", method},
                                                   {"RunWait", 0}, {"Start", "2026-11-28T00:00:00Z"}, {"Hostname", "worker"}};
    }
    return result;
  }

  // Streams `bytes` to the worker's push route as the miner's ReaderStream encoder does: HEAD, then POST.
  // Returns the POST's HTTP status.
  // Lotus's push encoder sends no Authorization header; a test may send a token (it must then be valid).
  int push(const std::string& uuid, const std::string& bytes, const std::string& token = "") {
    httplib::Client cli = worker_client();
    const std::string path = "/rpc/streams/v0/push/" + uuid;
    httplib::Headers auth;
    if (!token.empty()) auth.emplace("Authorization", "Bearer " + token);
    auto head = cli.Head(path.c_str(), auth);
    if (!head || head->status != 200) return head ? head->status : -1;
    auto res = cli.Post(path.c_str(), auth, bytes, "application/octet-stream");
    return res ? res->status : -1;
  }

  struct Return {
    std::string method;
    nlohmann::json params;
  };
  // Returns received for a CallID's uuid.
  std::vector<Return> returns_for(const std::string& uuid) {
    std::lock_guard<std::mutex> lock(mutex_);
    return returns_[uuid];
  }
  std::map<std::string, std::vector<Return>> all_returns() {
    std::lock_guard<std::mutex> lock(mutex_);
    return returns_;
  }
  // Waits until the call's return has arrived (or `seconds` pass).
  std::vector<Return> wait_return(const std::string& uuid, double seconds) {
    auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < until) {
      auto r = returns_for(uuid);
      if (!r.empty()) return r;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return {};
  }
  bool wait_connected(double seconds) {
    auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < until) {
      if (connects_ > 0) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  int connects() const { return connects_; }
  nlohmann::json worker_info() {
    std::lock_guard<std::mutex> lock(mutex_);
    return worker_info_;
  }
  std::vector<nlohmann::json> declared() {
    std::lock_guard<std::mutex> lock(mutex_);
    return declared_;
  }
  std::vector<nlohmann::json> attached() {
    std::lock_guard<std::mutex> lock(mutex_);
    return attached_;
  }

 private:
  // A client for the registered worker's listener (from the URL it gave WorkerConnect).
  httplib::Client worker_client() {
    std::string url;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      url = worker_url_;
    }
    if (url.empty()) throw std::runtime_error("no worker connected");
    auto rest = url.substr(url.find("://") + 3);
    return httplib::Client(rest.substr(0, rest.find(':')), std::stoi(rest.substr(rest.find(':') + 1)));
  }

  nlohmann::json handle(const std::string& method, const nlohmann::json& params) {
    if (method == "Filecoin.Version") return {{"Version", "1.23.0+test"}, {"APIVersion", 66816}, {"BlockDelay", 30}};
    if (method == "Filecoin.Session") {
      std::lock_guard<std::mutex> lock(mutex_);
      return session_;
    }
    if (method == "Filecoin.AuthVerify") {
      if (params.at(0) == kToken) return nlohmann::json::array({"read", "write", "sign", "admin"});
      throw std::runtime_error("bad token");
    }
    if (method == "Filecoin.StorageAttach") {
      std::lock_guard<std::mutex> lock(mutex_);
      attached_.push_back(params);
      return nullptr;
    }
    if (method == "Filecoin.StorageReportHealth") return nullptr;
    if (method == "Filecoin.StorageDeclareSector") {
      std::lock_guard<std::mutex> lock(mutex_);
      declared_.push_back(params);
      return nullptr;
    }
    if (method == "Filecoin.WorkerConnect") {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        worker_url_ = params.at(0).get<std::string>();
      }
      // Manager.AddWorker: Session must not be zero, then Info and TaskTypes (and the version check).
      nlohmann::json info = {{"session", call_worker("Session", nlohmann::json::array())},
                             {"version", call_worker("Version", nlohmann::json::array())},
                             {"info", call_worker("Info", nlohmann::json::array())},
                             {"task_types", call_worker("TaskTypes", nlohmann::json::array())},
                             {"paths", call_worker("Paths", nlohmann::json::array())}};
      {
        std::lock_guard<std::mutex> lock(mutex_);
        worker_info_ = info;
      }
      ++connects_;
      return nullptr;
    }
    if (method == "Filecoin.WorkerJobs") {
      std::lock_guard<std::mutex> lock(mutex_);
      nlohmann::json list = nlohmann::json::array();
      for (const auto& [uuid, job] : waiting_) list.push_back(job);
      return {{"5b7e9f3c-0000-4000-8000-000000000001", list}};
    }
    if (method.rfind("Filecoin.Return", 0) == 0) {
      if (refuse_) throw std::runtime_error("miner is busy restarting");
      {
        std::lock_guard<std::mutex> lock(mutex_);
        const std::string uuid = params.at(0).at("ID").get<std::string>();
        returns_[uuid].push_back({method.substr(9), params});
        waiting_.erase(uuid);
      }
      if (lose_answers_) throw std::runtime_error("connection reset (the answer is lost)");
      return nullptr;
    }
    throw std::runtime_error("method " + method + " not implemented in the test miner");
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  std::string worker_url_;
  std::string session_ = "miner-session-0";
  int restarts_ = 0;
  std::atomic<int> connects_{0};
  std::atomic<bool> refuse_{false};
  std::atomic<bool> lose_answers_{false};
  std::map<std::string, nlohmann::json> waiting_;  // uuid -> WorkerJob, until its return arrives
  std::atomic<int> next_id_{0};
  nlohmann::json worker_info_;
  std::map<std::string, std::vector<Return>> returns_;
  std::vector<nlohmann::json> declared_;
  std::vector<nlohmann::json> attached_;
};

}  // namespace sa::test
