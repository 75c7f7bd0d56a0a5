// bash_harness.hpp. Commands are built with fixed, harmless temp paths and run through std::system.
#include "bash_harness.hpp"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace sa::adapter::testing {

namespace {
int exit_code(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : 128; }

// Single-quote for the harness's own command lines (independent of the code under test).
std::string q(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\"'\"'") : std::string(1, c);
  return out + "'";
}
}  // namespace

TempDir::TempDir() {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() / ("sa-render-test-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void write_file(const std::filesystem::path& file, const std::string& text, bool executable) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
  if (executable) {
    std::filesystem::permissions(file, std::filesystem::perms::owner_all, std::filesystem::perm_options::add);
  }
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> split_nul(const std::string& bytes) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\0') {
      out.push_back(bytes.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

int bash_syntax_check(const std::filesystem::path& script) {
  return exit_code(std::system(("bash -n " + q(script.string()) + " 2>/dev/null").c_str()));
}

int run_bash(const std::filesystem::path& script, const std::vector<std::string>& extra_env,
             const std::filesystem::path& cwd) {
  std::string cmd = "cd " + q(cwd.string()) + " && env";
  for (const std::string& e : extra_env) cmd += " " + q(e);
  cmd += " bash " + q(script.string());
  return exit_code(std::system(cmd.c_str()));
}

const std::vector<std::string>& hostile_line_values() {
  static const std::vector<std::string> v = {
      "plain",
      "two words",
      "it's",
      "say \"hi\"",
      "$(touch pwned)",
      "`touch pwned`",
      "${HOME}",
      "a#b",
      "#starts-with-hash",
      "back\\slash\\",
      "trailing\\",
      "'",
      "\"",
      "''\"\"''",
      "*",
      "~",
      "-n",
      "a; touch pwned && echo | cat > x < y",
      "caf\xc3\xa9 \xe2\x82\xac",
      " leading and trailing ",
      "--x=\"y\" 'z' #w \\ $(v)",
  };
  return v;
}

const std::vector<std::string>& hostile_values() {
  static const std::vector<std::string> v = [] {
    std::vector<std::string> all = hostile_line_values();
    all.push_back("line1\nline2");
    all.push_back("\n#SBATCH --uid=0\n");
    all.push_back("x'\ntouch pwned\n'");
    all.push_back("");
    return all;
  }();
  return v;
}

}  // namespace sa::adapter::testing
