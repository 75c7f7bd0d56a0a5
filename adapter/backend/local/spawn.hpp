// Starting a job process safely: argv and environment are built before fork, the child only calls
// async-signal-safe functions (new process group, CPU affinity, log redirection, chdir, execve).
// No shell is involved, so nothing from a task's inputs is ever parsed as a command line.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace sa::adapter {

struct SpawnSpec {
  std::filesystem::path program;  // absolute path
  std::vector<std::string> args;  // argv[1..]
  std::map<std::string, std::string> env_overrides;  // on top of this process's environment
  std::vector<int> cpus;          // affinity; empty = inherit
  std::filesystem::path workdir;
  std::filesystem::path log;      // stdout and stderr, appended
};

// Returns the child's pid; throws sa::Error(Io) when fork fails or the program is not executable.
pid_t spawn_process(const SpawnSpec& spec);

// The absolute path of `name` on PATH (or `name` itself when it contains a slash); empty when not found.
std::filesystem::path find_program(const std::string& name);

}  // namespace sa::adapter
