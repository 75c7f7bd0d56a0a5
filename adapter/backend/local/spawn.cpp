// fork + execve with everything prepared in the parent.
#include "backend/local/spawn.hpp"

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "base/error.hpp"

extern char** environ;

namespace sa::adapter {

std::filesystem::path find_program(const std::string& name) {
  if (name.find('/') != std::string::npos) return ::access(name.c_str(), X_OK) == 0 ? std::filesystem::path(name) : "";
  const char* path = std::getenv("PATH");
  std::stringstream ss(path ? path : "/usr/local/bin:/usr/bin:/bin");
  std::string dir;
  while (std::getline(ss, dir, ':')) {
    std::filesystem::path p = std::filesystem::path(dir.empty() ? "." : dir) / name;
    if (::access(p.c_str(), X_OK) == 0) return p;
  }
  return {};
}

pid_t spawn_process(const SpawnSpec& spec) {
  if (::access(spec.program.c_str(), X_OK) != 0) {
    throw Error(ErrorKind::Config, "cannot execute " + spec.program.string() + ": " + std::strerror(errno));
  }
  std::vector<std::string> argv_s{spec.program.string()};
  argv_s.insert(argv_s.end(), spec.args.begin(), spec.args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);

  std::map<std::string, std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& [k, v] : spec.env_overrides) env[k] = v;
  std::vector<std::string> env_s;
  for (const auto& [k, v] : env) env_s.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);

  cpu_set_t mask;
  CPU_ZERO(&mask);
  for (int c : spec.cpus) CPU_SET(c, &mask);
  std::string log = spec.log.string(), workdir = spec.workdir.string();

  pid_t pid = ::fork();
  if (pid < 0) throw Error(ErrorKind::Io, std::string("fork: ") + std::strerror(errno), Retry::Retryable);
  if (pid == 0) {
    ::setpgid(0, 0);  // its own group, so cancel reaches mpirun and every rank
    if (!spec.cpus.empty()) ::sched_setaffinity(0, sizeof mask, &mask);
    int in = ::open("/dev/null", O_RDONLY);
    if (in >= 0) ::dup2(in, 0);
    int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (out >= 0) {
      ::dup2(out, 1);
      ::dup2(out, 2);
    }
    if (!workdir.empty() && ::chdir(workdir.c_str()) != 0) ::_exit(126);
    ::execve(argv[0], argv.data(), envp.data());
    const char msg[] = "sealadapter: execve of the job binary failed\n";
    [[maybe_unused]] auto w = ::write(2, msg, sizeof msg - 1);
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also from the parent, so a cancel right after spawn finds the group
  return pid;
}

}  // namespace sa::adapter
