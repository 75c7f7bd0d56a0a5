// A `sealadapter serve` started as a child process for tests: its stderr goes to a log file, the test
// waits for <state_dir>/api, and can stop it with SIGTERM or kill it with SIGKILL.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "support/file_text.hpp"

extern char** environ;

namespace sa::test {

class ServiceProcess {
 public:
  // `home`: SEALADAPTER_HOME (the embedded site's state dir); `env`: more variables (MINER_API_INFO...).
  ServiceProcess(std::string binary, std::filesystem::path home, std::map<std::string, std::string> env = {})
      : binary_(std::move(binary)), home_(std::move(home)), env_(std::move(env)) {}
  ~ServiceProcess() { kill(SIGKILL); }

  std::filesystem::path log() const { return home_ / "serve.log"; }

  // Starts the service and waits until it has written its API address; returns "/ip4/.../http".
  std::string start(const std::vector<std::string>& extra = {}) {
    std::error_code ec;
    std::filesystem::create_directories(home_);
    std::filesystem::remove(home_ / "api", ec);
    std::vector<std::string> args = {binary_, "serve", "--listen", "127.0.0.1:0", "--interval", "0.2"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<std::string> envs;
    for (char** e = environ; *e; ++e) {
      std::string kv(*e);
      std::string k = kv.substr(0, kv.find('='));
      if (!env_.count(k) && k != "SEALADAPTER_HOME" && k != "SEALADAPTER_SITE" && k != "SEALADAPTER_API_INFO") envs.push_back(kv);
    }
    envs.push_back("SEALADAPTER_HOME=" + home_.string());
    for (const auto& [k, v] : env_) envs.push_back(k + "=" + v);
    pid_ = ::fork();
    if (pid_ == 0) {
      int fd = ::open(log().c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      std::vector<char*> a, e;
      for (auto& s : args) a.push_back(s.data());
      a.push_back(nullptr);
      for (auto& s : envs) e.push_back(s.data());
      e.push_back(nullptr);
      ::execve(a[0], a.data(), e.data());
      ::_exit(127);
    }
    for (int i = 0; i < 300; ++i) {
      if (std::filesystem::exists(home_ / "api", ec)) {
        std::string addr = file_text(home_ / "api");
        while (!addr.empty() && addr.back() == '\n') addr.pop_back();
        if (!addr.empty()) return addr;
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return "";
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return "";
  }

  // Sends `sig` and waits for the exit; returns the exit code (-1 when a signal ended it or none ran).
  int kill(int sig) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, sig);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  bool running() const { return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0; }

 private:
  std::string binary_;
  std::filesystem::path home_;
  std::map<std::string, std::string> env_;
  pid_t pid_ = -1;
};

}  // namespace sa::test
