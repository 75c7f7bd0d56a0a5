// Helpers for tests against the real local Slurm cluster (scripts/local-slurm.sh up): find it through the
// env file the script writes, skip with a clear message when it is down (fail when CI=true), build job
// launches whose #SBATCH header matches their request, and wait for a job to reach a phase.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <string>
#include <thread>

#include "backend/slurm/slurm_backend.hpp"
#include "render/sbatch_directives.hpp"
#include "support/run_process.hpp"

namespace sa::test {

inline std::string cluster_env_file() {
  const char* e = std::getenv("SA_SLURM_ENV");
  return e ? e : "/tmp/sealadapter-slurm/env";
}

// "" when the cluster is up; otherwise why not. Exports SLURM_CONF from the env file first, because
// libslurm reads it once, at its first use in this process.
inline std::string cluster_down_reason() {
  static const std::string reason = [] {
    const std::string env = cluster_env_file();
    std::ifstream in(env);
    if (!in) return "no " + env + ": run `scripts/local-slurm.sh up` first";
    std::string line, conf;
    while (std::getline(in, line)) {
      const std::string key = "export SLURM_CONF=";
      if (line.rfind(key, 0) == 0) conf = line.substr(key.size());
    }
    if (conf.size() >= 2 && conf.front() == '\'' && conf.back() == '\'') conf = conf.substr(1, conf.size() - 2);
    if (conf.empty() || !std::ifstream(conf)) return "SLURM_CONF from " + env + " (" + conf + ") does not exist";
    ::setenv("SLURM_CONF", conf.c_str(), 1);
    // libslurm needs ~9 s to give up on a dead controller: a plain TCP connect tells at once.
    std::ifstream c(conf);
    int port = 6817;
    while (std::getline(c, line)) {
      if (line.rfind("SlurmctldPort=", 0) == 0) port = std::atoi(line.c_str() + 14);
    }
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool up = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return up ? std::string()
              : "slurmctld does not answer on port " + std::to_string(port) + ": run `scripts/local-slurm.sh up`";
  }();
  return reason;
}

inline bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

// Skips the test when the cluster is down, except in CI, where a missing cluster is a failure.
#define SA_REQUIRE_CLUSTER()                                                                  \
  do {                                                                                        \
    const std::string why_ = ::sa::test::cluster_down_reason();                               \
    if (!why_.empty()) {                                                                      \
      if (::sa::test::in_ci()) FAIL() << "CI=true but the Slurm cluster is not up: " << why_; \
      GTEST_SKIP() << "local Slurm cluster not up (" << why_ << ")";                          \
    }                                                                                         \
  } while (0)

// One libslurm client for the whole test process (libslurm is initialised once per process).
inline adapter::SlurmApi& cluster_api() {
  static adapter::SlurmApi api;
  return api;
}

inline constexpr const char* kInstance = "sact";

// "sact-<pid>-<what>-<n>": unique per job, and every job of this process shares "sact-<pid>-".
inline std::string job_tag(const std::string& what) {
  static std::atomic<int> n{0};
  return std::string(kInstance) + "-" + std::to_string(::getpid()) + "-" + what + "-" + std::to_string(++n);
}

inline adapter::SlurmOptions cluster_options() {
  adapter::SlurmOptions o;
  o.instance = kInstance;
  o.partitions = {"cpu", "gpu"};
  return o;
}

inline adapter::JobRequest cpu_request(std::uint64_t memory_mib = 200, const std::string& partition = "cpu") {
  adapter::JobRequest r;
  r.partition = partition;
  r.memory_bytes = memory_mib << 20;
  r.time_limit_minutes = 5;
  return r;
}

// A launch whose script is the header the renderer writes for `r` followed by `body`.
inline adapter::JobLaunch script_launch(const std::string& tag, const adapter::JobRequest& r, const std::string& body,
                                        const std::filesystem::path& dir) {
  adapter::JobLaunch l;
  l.tag = tag;
  l.comment = std::string("sealadapter:") + kInstance + ":test=" + tag;
  l.request = r;
  l.workdir = dir;
  l.log = dir / (tag + ".log");
  adapter::JobScriptContext ctx{l.tag, l.comment, "", "", "", l.workdir, l.log};
  adapter::Partition p;
  p.name = r.partition;
  l.script = "#!/bin/bash\n" + adapter::sbatch_directives(r, ctx, p) + "\nset -eu\n" + body + "\n";
  return l;
}

inline adapter::JobStatus poll_one(adapter::Backend& b, const adapter::JobHandle& h) { return b.poll({h}).at(0); }

// Polls every 200 ms until `done(status)` or `seconds` pass; returns the last status.
inline adapter::JobStatus wait_for(adapter::Backend& b, const adapter::JobHandle& h,
                                   const std::function<bool(const adapter::JobStatus&)>& done, double seconds,
                                   const std::function<void(const adapter::JobStatus&)>& each = {}) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  adapter::JobStatus st;
  while (true) {
    st = poll_one(b, h);
    if (each) each(st);
    if (done(st) || std::chrono::steady_clock::now() > end) return st;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

inline adapter::JobStatus wait_ended(adapter::Backend& b, const adapter::JobHandle& h, double seconds = 60) {
  return wait_for(
      b, h, [](const adapter::JobStatus& s) { return s.phase == adapter::JobPhase::Ended; }, seconds);
}

inline adapter::JobStatus wait_running(adapter::Backend& b, const adapter::JobHandle& h, double seconds = 30) {
  return wait_for(
      b, h, [](const adapter::JobStatus& s) { return s.phase != adapter::JobPhase::Pending; }, seconds);
}

inline ProcessResult scontrol(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"/usr/bin/scontrol"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv);
}

}  // namespace sa::test
