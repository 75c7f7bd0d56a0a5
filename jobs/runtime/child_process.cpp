// posix_spawnp with stdout on a pipe.
#include "runtime/child_process.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>

#include "base/error.hpp"

extern char** environ;

namespace sa::jobs {

namespace {

constexpr std::size_t kKeepBytes = 1 << 20;

std::vector<std::string> child_environment(const std::map<std::string, std::string>& set) {
  std::vector<std::string> out;
  for (char** e = environ; e && *e; ++e) {
    std::string entry(*e);
    const std::string name = entry.substr(0, entry.find('='));
    if (!set.count(name)) out.push_back(std::move(entry));
  }
  for (const auto& [k, v] : set) out.push_back(k + "=" + v);
  return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

std::string ChildEnding::describe() const {
  if (exited) return "exit code " + std::to_string(code);
  return "signal " + std::to_string(signal) + " (" + ::strsignal(signal) + ")";
}

ChildEnding run_child(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env) {
  if (argv.empty()) throw Error(ErrorKind::Config, "no program to run");
  int fds[2];
  if (::pipe(fds) != 0) throw Error(ErrorKind::Io, std::string("pipe: ") + std::strerror(errno), Retry::Retryable);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  std::vector<std::string> args(argv), envs = child_environment(env);
  std::vector<char*> argp = pointers(args), envp = pointers(envs);
  std::cout.flush();
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  int rc = ::posix_spawnp(&pid, argv[0].c_str(), &actions, nullptr, argp.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (rc != 0) {
    ::close(fds[0]);
    throw Error(ErrorKind::Config, "cannot run the prover \"" + argv[0] + "\": " + std::strerror(rc));
  }
  ChildEnding end;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    std::cout.write(buf, n);
    std::cout.flush();
    end.out.append(buf, static_cast<std::size_t>(n));
    if (end.out.size() > 2 * kKeepBytes) end.out.erase(0, end.out.size() - kKeepBytes);
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  end.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  end.exited = WIFEXITED(status);
  end.code = end.exited ? WEXITSTATUS(status) : 0;
  end.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  return end;
}

}  // namespace sa::jobs
