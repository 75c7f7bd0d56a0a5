// Test helpers that run real bash: a scratch directory, files, and `bash -n` / `bash FILE` with exit codes.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sa::adapter::testing {

// A fresh directory under the system temp dir, removed when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void write_file(const std::filesystem::path& file, const std::string& text, bool executable = false);
std::string read_file(const std::filesystem::path& file);
// Splits NUL-terminated records (what `printf '%s\0'` and `env -0` write).
std::vector<std::string> split_nul(const std::string& bytes);

// Exit status of `bash -n FILE` (syntax only) and of `env EXTRA... bash FILE`.
int bash_syntax_check(const std::filesystem::path& script);
// Runs in `cwd` so anything a quoting bug would execute ("touch pwned") lands where the test can see it.
int run_bash(const std::filesystem::path& script, const std::vector<std::string>& extra_env,
             const std::filesystem::path& cwd);

// Values that break naive quoting: spaces, both quotes, $(), backticks, '#', backslashes, globs, '~',
// leading '-', shell operators, UTF-8. None contains a control character (they all fit in #SBATCH lines).
const std::vector<std::string>& hostile_line_values();
// The same plus newlines (and a fake "#SBATCH" line after one): legal in the script body only.
const std::vector<std::string>& hostile_values();

}  // namespace sa::adapter::testing
