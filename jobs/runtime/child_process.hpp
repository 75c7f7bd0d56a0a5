// Running an external program from a stage (the site's C2 prover): an argument vector executed directly,
// never through a shell, with a few environment variables set on top of the job's own. Its stdout is copied
// to the job's stdout (the job log) as it comes and kept for the caller; its stderr goes to the job log.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace sa::jobs {

struct ChildEnding {
  bool exited = false;   // false: killed by `signal`
  int code = 0;
  int signal = 0;
  std::string out;       // everything it wrote to stdout (the last 1 MiB of it)
  double seconds = 0;

  bool ok() const { return exited && code == 0; }
  std::string describe() const;  // "exit code 3" or "signal 9 (Killed)"
};

// Throws sa::Error(Config) when the program cannot be started (not found, not executable).
ChildEnding run_child(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env);

}  // namespace sa::jobs
