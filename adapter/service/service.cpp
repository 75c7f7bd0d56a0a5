// The service's threads and shutdown.
#include "service/service.hpp"

#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <thread>

#include "api/api_info.hpp"
#include "api/operations.hpp"
#include "api/workers_view.hpp"
#include "base/error.hpp"
#include "service/sealadapter_methods.hpp"
#include "service/service_log.hpp"
#include "publish/atomic_file.hpp"

namespace sa::adapter {

Service::Service(Store& store, Backend& backend, const SiteConfig& site, ResourceTable table,
                 EngineOptions engine_options, JwtSecret secret, ServiceOptions options)
    : store_(store),
      backend_(backend),
      site_(site),
      engine_(store, backend, site, std::move(table), std::move(engine_options)),
      secret_(std::move(secret)),
      options_(std::move(options)),
      server_([this](const std::string& token) {
        if (auto p = secret_.verify(token)) return p;
        for (const auto& v : verifiers_) {
          if (auto p = v(token)) return p;
        }
        return std::optional<std::set<std::string>>();
      }) {}

Service::~Service() = default;

void Service::request_stop() {
  stopping_ = true;
  wake_.notify_all();
  server_.stop();
}

void Service::log_task_changes() {
  // Only running tasks are scanned: a task is running at the end of the cycle that started it, and the
  // ones that left since the last scan are looked up one by one, so a large history costs nothing here.
  auto log_task = [](const TaskRecord& t) {
    LogFields f = {{"task", std::to_string(t.id)}, {"type", std::string(short_name(t.type))},
                   {"sector", std::to_string(t.sector.miner) + "/" + std::to_string(t.sector.number)},
                   {"state", std::string(task_state_name(t.state))}};
    if (!t.error.empty() && t.state != TaskState::Done && t.state != TaskState::Running) f.emplace_back("error", t.error);
    log_event(t.state == TaskState::Failed ? LogLevel::Warn : LogLevel::Info, "task", f);
  };
  std::set<std::int64_t> now;
  for (const TaskRecord& t : store_.tasks({{TaskState::Running}})) {
    now.insert(t.id);
    if (!running_.count(t.id)) log_task(t);
  }
  for (std::int64_t id : running_) {
    if (now.count(id)) continue;
    if (auto t = store_.task(id)) log_task(*t);
  }
  running_ = std::move(now);
}

void Service::engine_loop() {
  double interval = 0.2;
  while (!stopping_) {
    CycleReport r;
    try {
      std::lock_guard<std::mutex> lock(engine_mutex_);
      r = engine_.step();
    } catch (const std::exception& e) {
      // A cycle that fails (Slurm unreachable, disk full) is logged and tried again; state is in the store.
      log_event(LogLevel::Error, "cycle-failed", {{"error", e.what()}});
    }
    for (const auto& [task, why] : r.blocked) {
      log_event(LogLevel::Warn, "task-rejected", {{"task", std::to_string(task)}, {"reason", why}});
    }
    if (r.started || r.ended) {
      log_task_changes();
      log_event(LogLevel::Info, "cycle", {{"started", std::to_string(r.started)}, {"ended", std::to_string(r.ended)},
                                           {"active", std::to_string(r.active)}, {"queued", std::to_string(r.queued)}});
    }
    for (auto& c : components_) {
      try {
        c->after_cycle();
      } catch (const std::exception& e) {
        log_event(LogLevel::Error, "component-failed", {{"error", e.what()}});
      }
    }
    bool changed = r.started > 0 || r.ended > 0;
    interval = changed ? 0.2 : std::min(interval * 1.5, options_.interval_seconds);
    std::unique_lock<std::mutex> lock(wake_mutex_);
    wake_.wait_for(lock, std::chrono::duration<double>(interval), [this] { return stopping_.load(); });
  }
}

void Service::run(bool handle_signals) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  if (handle_signals) pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // threads started below inherit it

  Operations ops(store_, site_,
                 Operations::Hooks{[this](const AttemptRecord& a) {
                                     std::lock_guard<std::mutex> lock(engine_mutex_);
                                     backend_.cancel(JobHandle{a.job_id, a.tag});
                                   },
                                   [this] {
                                     std::lock_guard<std::mutex> lock(engine_mutex_);
                                     return workers_view(store_, site_, backend_);
                                   }});
  add_sealadapter_methods(server_, ops, options_.version);
  for (auto& c : components_) c->add_methods(server_);
  port_ = server_.bind(options_.host, options_.port);

  ApiInfo self;
  self.host = options_.host == "0.0.0.0" ? "127.0.0.1" : options_.host;
  self.port = port_;
  staging::write_file_atomic(site_.state_dir / "api", self.multiaddr() + "\n");
  log_event(LogLevel::Info, "listening", {{"api", self.multiaddr()}, {"state_dir", site_.state_dir.string()},
                                          {"backend", std::string(backend_name(site_.backend))}});

  std::thread http([this] { server_.run(); });
  std::thread engine([this] { engine_loop(); });
  for (auto& c : components_) c->start(self.url());
  std::thread waiter;
  if (handle_signals) {
    waiter = std::thread([this, signals] {
      int sig = 0;
      while (!stopping_) {
        timespec ts{0, 200'000'000};
        sig = sigtimedwait(&signals, nullptr, &ts);
        if (sig == SIGTERM || sig == SIGINT) {
          log_event(LogLevel::Info, "stopping", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
          request_stop();
        }
      }
    });
  }
  http.join();
  request_stop();
  engine.join();
  for (auto& c : components_) c->stop();
  if (waiter.joinable()) waiter.join();
  log_event(LogLevel::Info, "stopped", {{"active_jobs", std::to_string(store_.active_attempts().size())}});
}

}  // namespace sa::adapter
