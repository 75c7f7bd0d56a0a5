// #SBATCH header generation and an sbatch-compatible reader of it (sbatch_directives.hpp). The reader
// mirrors Slurm 22.05's get_argument/_opt_batch_script (src/sbatch/opt.c) and is what the writer's
// round-trip tests and the extra-directive check use.
#include "render/sbatch_directives.hpp"

#include <cctype>

#include "base/error.hpp"
#include "config/units.hpp"

namespace sa::adapter {

namespace {

constexpr std::uint64_t kMiB = 1ull << 20;
// Warn the job (B: = the batch shell, which exec's the launcher, which forwards it to the ranks) two
// minutes before the time limit, so sa-job can write a "timed out" result instead of dying silently.
constexpr std::string_view kSignal = "B:USR1@120";

bool is_control(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f;
}

// Characters get_argument treats specially outside quotes: whitespace (isspace in the C locale), both
// quotes, the backslash and '#'.
bool needs_quotes(std::string_view v) {
  if (v.empty()) return true;
  for (char c : v) {
    if (c == ' ' || c == '"' || c == '\'' || c == '\\' || c == '#') return true;
  }
  return false;
}

std::string mib(std::uint64_t bytes) { return std::to_string((bytes + kMiB - 1) / kMiB) + "M"; }

}  // namespace

std::string sbatch_quote(std::string_view value, std::string_view field) {
  for (char c : value) {
    if (is_control(c)) {
      throw Error(ErrorKind::Config, "the " + std::string(field) +
                                         " contains a control character (newline, tab, NUL, ...) and cannot be "
                                         "written into an #SBATCH line");
    }
  }
  if (!needs_quotes(value)) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::vector<std::string> parse_sbatch_arguments(std::string_view line) {
  std::vector<std::string> args;
  std::size_t i = 0;
  const auto at_space = [&](std::size_t k) { return std::isspace(static_cast<unsigned char>(line[k])) != 0; };
  while (true) {
    while (i < line.size() && at_space(i)) ++i;
    if (i < line.size() && line[i] == ':') {
      throw Error(ErrorKind::Config, "sbatch would stop at an unexpected ':' in [" + std::string(line) + "]");
    }
    if (i >= line.size()) return args;
    std::string arg;
    bool copied = false, escape = false, quoted = false;
    char q = '\0';
    while (i < line.size() && (quoted || !at_space(i)) && line[i] != '\n') {
      const char c = line[i];
      if (escape) {
        escape = false;
      } else if (c == '\\') {
        escape = true;
        ++i;
        continue;
      } else if (quoted) {
        if (c == q) {
          quoted = false;
          ++i;
          continue;
        }
      } else if (c == '"' || c == '\'') {
        quoted = true;
        q = c;
        ++i;
        continue;
      } else if (c == '#') {
        break;  // an unquoted, unescaped '#' ends the directives of this line
      }
      arg.push_back(c);
      copied = true;
      ++i;
    }
    if (quoted) {
      throw Error(ErrorKind::Config,
                  std::string("sbatch would stop at an unmatched ") + q + " in [" + std::string(line) + "]");
    }
    // get_argument returns NULL for an argument that copied nothing ("" or a comment): the line ends there.
    if (!copied) return args;
    args.push_back(std::move(arg));
    if (i < line.size() && line[i] == '#') return args;
  }
}

namespace {

// "n1,n2"; a name that is empty or holds a comma would change the list's meaning.
std::string node_list(const std::vector<std::string>& nodes, const std::string& what) {
  std::string list;
  for (const std::string& n : nodes) {
    if (n.empty() || n.find(',') != std::string::npos) {
      throw Error(ErrorKind::Config, what + " name \"" + n + "\" is empty or contains ','");
    }
    list += (list.empty() ? "" : ",") + n;
  }
  return list;
}

}  // namespace

std::string sbatch_directives(const JobRequest& r, const JobScriptContext& ctx, const Partition& partition) {
  std::vector<std::string> lines;
  auto add = [&](std::string_view option, std::string_view value, std::string_view field) {
    lines.push_back("#SBATCH " + std::string(option) + "=" + sbatch_quote(value, field));
  };
  if (ctx.job_name.empty()) throw Error(ErrorKind::Config, "the job name is empty");
  add("--job-name", ctx.job_name, "job name");
  if (!ctx.comment.empty()) add("--comment", ctx.comment, "job comment");
  add("--partition", r.partition, "partition name");
  add("--nodes", std::to_string(r.nodes), "node count");
  add("--ntasks", std::to_string(r.ntasks), "task count");
  add("--cpus-per-task", std::to_string(r.cpus_per_task), "CPU count");
  if (r.memory_bytes > 0) add("--mem", mib(r.memory_bytes), "memory");
  if (r.gpus > 0) {
    add("--gres", "gpu:" + (r.gpu_type.empty() ? "" : r.gpu_type + ":") + std::to_string(r.gpus), "GPU type");
  }
  // --tmp only where nodes declare TmpDisk (tmp_per_node > 0): elsewhere Slurm would refuse any request.
  if (r.tmp_bytes > 0 && partition.tmp_per_node > 0) add("--tmp", mib(r.tmp_bytes), "scratch size");
  if (r.time_limit_minutes > 0) add("--time", format_walltime(r.time_limit_minutes), "time limit");
  add("--nice", std::to_string(r.nice), "nice value");
  if (!r.account.empty()) add("--account", r.account, "account");
  if (!r.qos.empty()) add("--qos", r.qos, "QOS");
  if (!r.exclude_nodes.empty()) add("--exclude", node_list(r.exclude_nodes, "excluded node"), "excluded node list");
  if (!r.nodelist.empty()) add("--nodelist", node_list(r.nodelist, "requested node"), "node list");
  if (!r.dependency.empty()) {
    add("--dependency", r.dependency, "dependency");
    add("--kill-on-invalid-dep", "yes", "dependency policy");
  }
  if (!ctx.output.empty()) add("--output", ctx.output.string(), "output path");
  if (!ctx.workdir.empty()) add("--chdir", ctx.workdir.string(), "working directory");
  add("--signal", kSignal, "signal");
  for (const std::string& extra : r.extra_directives) {
    sbatch_quote(extra, "extra directive \"" + extra + "\"");  // control characters only; used as given
    const auto args = parse_sbatch_arguments(extra);
    if (args.empty() || args.front().empty() || args.front().front() != '-') {
      throw Error(ErrorKind::Config, "extra directive \"" + extra + "\" of partition '" + r.partition +
                                         "' is not an sbatch option (it must start with \"-\" or \"--\")");
    }
    lines.push_back("#SBATCH " + extra);
  }
  std::string out;
  for (const std::string& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

std::vector<std::string> visible_sbatch_lines(std::string_view script) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < script.size()) {
    std::size_t end = script.find('\n', start);
    if (end == std::string_view::npos) end = script.size();
    const std::string_view line = script.substr(start, end - start);
    start = end + 1;
    if (line.rfind("#SBATCH", 0) == 0) {
      out.emplace_back(line);
      continue;
    }
    // Any other line: a comment (first non-space is '#') or blank keeps sbatch reading; a command stops it.
    std::size_t k = 0;
    while (k < line.size() && std::isspace(static_cast<unsigned char>(line[k]))) ++k;
    if (k < line.size() && line[k] != '#') break;
  }
  return out;
}

}  // namespace sa::adapter
