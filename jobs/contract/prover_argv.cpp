// Prover argument vectors: checking and filling the placeholders.
#include "contract/prover_argv.hpp"

#include <string_view>

#include "base/error.hpp"

namespace sa::jobs {

namespace {

constexpr std::string_view kNames[] = {"input", "output", "miner", "sector"};

// Calls `fn(name)` for every {name} in `arg`, `text(chunk)` for the text between them; returns a problem.
template <typename Text, typename Name>
std::string scan(const std::string& arg, Text text, Name fn) {
  std::size_t at = 0;
  while (at < arg.size()) {
    std::size_t open = arg.find('{', at);
    std::size_t close_stray = arg.find('}', at);
    if (close_stray < open) return "a '}' without '{' in \"" + arg + "\"";
    if (open == std::string::npos) {
      text(arg.substr(at));
      break;
    }
    text(arg.substr(at, open - at));
    std::size_t close = arg.find('}', open);
    if (close == std::string::npos) return "an unclosed '{' in \"" + arg + "\"";
    const std::string name = arg.substr(open + 1, close - open - 1);
    bool known = false;
    for (auto n : kNames) known = known || n == name;
    if (!known) return "unknown placeholder {" + name + "} in \"" + arg + "\" (use {input}, {output}, {miner}, {sector})";
    fn(name);
    at = close + 1;
  }
  return "";
}

}  // namespace

std::string prover_argv_problem(const std::vector<std::string>& argv) {
  if (argv.empty() || argv.front().empty()) return "the prover needs a program as its first argument";
  if (argv.front().find('{') != std::string::npos) return "the prover's program name cannot be a placeholder";
  bool input = false;
  for (const std::string& a : argv) {
    for (char c : a) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "argument \"" + a + "\" contains a control character";
    }
    std::string why = scan(a, [](const std::string&) {}, [&](const std::string& n) { input = input || n == "input"; });
    if (!why.empty()) return why;
  }
  if (!input) return "no argument names {input}, the C2 envelope the prover reads";
  return "";
}

std::vector<std::string> expand_prover_argv(const std::vector<std::string>& argv, const ProverValues& v) {
  if (std::string why = prover_argv_problem(argv); !why.empty()) throw Error(ErrorKind::Usage, "prover: " + why);
  std::vector<std::string> out;
  for (const std::string& a : argv) {
    std::string e;
    scan(a, [&](const std::string& t) { e += t; }, [&](const std::string& n) {
      if (n == "input") e += v.input;
      else if (n == "output") e += v.output;
      else if (n == "miner") e += std::to_string(v.miner);
      else e += std::to_string(v.sector);
    });
    out.push_back(std::move(e));
  }
  return out;
}

bool prover_writes_output(const std::vector<std::string>& argv) {
  for (const std::string& a : argv) {
    if (a.find("{output}") != std::string::npos) return true;
  }
  return false;
}

}  // namespace sa::jobs
