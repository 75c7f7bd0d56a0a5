// The sbatch options a job script header (or a partition's extra_directives) may use with the libslurm
// backend, and what each one sets in the job description — as sbatch 22.05 would (src/common/slurm_opt.c).
// Anything else is refused by name: silently dropping "--mail-type" or "--gpus-per-task" would submit a
// different job from the one the script shows.
#include <csignal>
#include <cstdlib>
#include <string>
#include <vector>

#include "backend/slurm/job_desc.hpp"
#include "base/error.hpp"
#include "config/units.hpp"
#include "render/sbatch_directives.hpp"

namespace sa::adapter {

namespace {

struct OptionSpec {
  std::string_view name;  // long name without "--"
  char short_name;        // 0 = none
  bool has_arg;
};

constexpr OptionSpec kOptions[] = {
    {"job-name", 'J', true},  {"comment", 0, true},     {"partition", 'p', true}, {"nodes", 'N', true},
    {"ntasks", 'n', true},    {"cpus-per-task", 'c', true}, {"mem", 0, true},     {"gres", 0, true},
    {"tmp", 0, true},         {"time", 't', true},      {"nice", 0, true},        {"account", 'A', true},
    {"qos", 'q', true},       {"exclude", 'x', true},   {"output", 'o', true},    {"error", 'e', true},
    {"chdir", 'D', true},     {"signal", 0, true},      {"constraint", 'C', true}, {"exclusive", 0, false},
    {"reservation", 0, true}, {"licenses", 'L', true},  {"wckey", 0, true},       {"requeue", 0, false},
    {"no-requeue", 0, false},
};

[[noreturn]] void bad(std::string_view option, std::string_view value, const std::string& why) {
  throw Error(ErrorKind::Config, "sbatch option --" + std::string(option) + (value.empty() ? "" : "=" + std::string(value)) +
                                     ": " + why);
}

int to_int(std::string_view option, std::string_view v, int min) {
  std::string s(v);
  char* end = nullptr;
  const long n = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || n < min || n > 1'000'000'000) bad(option, v, "not a whole number >= " + std::to_string(min));
  return static_cast<int>(n);
}

// sbatch sizes: a number with an optional K/M/G/T suffix, in MiB when there is none (as --mem and --tmp).
std::uint64_t to_mb(std::string_view option, std::string_view v) {
  std::string s(v);
  char* end = nullptr;
  const unsigned long long n = std::strtoull(s.c_str(), &end, 10);
  if (s.empty() || end == s.c_str()) bad(option, v, "not a size");
  const std::string unit(end);
  if (unit.empty() || unit == "M" || unit == "m") return n;
  if (unit == "G" || unit == "g") return n << 10;
  if (unit == "T" || unit == "t") return n << 20;
  if (unit == "K" || unit == "k") return (n + 1023) >> 10;
  bad(option, v, "unknown size unit \"" + unit + "\"");
}

int signal_number(std::string_view option, std::string_view name) {
  if (!name.empty() && name.find_first_not_of("0123456789") == std::string_view::npos) return to_int(option, name, 1);
  if (name.substr(0, 3) == "SIG") name.remove_prefix(3);
  const std::pair<std::string_view, int> table[] = {{"HUP", SIGHUP},   {"INT", SIGINT},   {"QUIT", SIGQUIT},
                                                    {"KILL", SIGKILL}, {"USR1", SIGUSR1}, {"USR2", SIGUSR2},
                                                    {"TERM", SIGTERM}, {"CONT", SIGCONT}, {"STOP", SIGSTOP},
                                                    {"ALRM", SIGALRM}, {"URG", SIGURG}};
  for (const auto& [n, s] : table) {
    if (n == name) return s;
  }
  bad(option, name, "unknown signal");
}

// --signal=[{R|B}:]<sig>[@<seconds>]; only B (batch shell) matters here, R (reservation) is refused.
void apply_signal(SlurmJobDesc& d, std::string_view v) {
  std::string_view rest = v;
  bool batch = false;
  if (const auto colon = rest.find(':'); colon != std::string_view::npos) {
    const std::string_view flags = rest.substr(0, colon);
    if (flags != "B" && flags != "b") bad("signal", v, "only the B: flag is supported");
    batch = true;
    rest.remove_prefix(colon + 1);
  }
  int seconds = 60;  // sbatch's default when no @ is given
  if (const auto at = rest.find('@'); at != std::string_view::npos) {
    seconds = to_int("signal", rest.substr(at + 1), 0);
    rest = rest.substr(0, at);
  }
  d.warn_signal = signal_number("signal", rest);
  d.warn_seconds = seconds;
  d.warn_batch_only = batch;
}

// 22.05 sends GRES as "gres:<name>[:type]:count" per comma-separated item (gres_prepend_tres_type).
std::string tres_from_gres(std::string_view v) {
  std::string out;
  std::size_t start = 0;
  while (start <= v.size()) {
    std::size_t end = v.find(',', start);
    if (end == std::string_view::npos) end = v.size();
    std::string item(v.substr(start, end - start));
    if (item.empty()) bad("gres", v, "empty item");
    if (item.rfind("gres:", 0) != 0 && item.rfind("gres/", 0) != 0) item = "gres:" + item;
    out += (out.empty() ? "" : ",") + item;
    start = end + 1;
  }
  return out;
}

const OptionSpec* find_long(std::string_view name) {
  for (const auto& o : kOptions) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

const OptionSpec* find_short(char c) {
  for (const auto& o : kOptions) {
    if (o.short_name == c) return &o;
  }
  return nullptr;
}

}  // namespace

void apply_sbatch_option(SlurmJobDesc& d, std::string_view option, std::string_view v) {
  std::string_view o = option;
  if (o.substr(0, 2) == "--") o.remove_prefix(2);
  else if (o.size() == 2 && o[0] == '-') {
    const OptionSpec* s = find_short(o[1]);
    if (!s) throw Error(ErrorKind::Config, "sbatch option " + std::string(option) + " is not supported by the Slurm backend");
    o = s->name;
  }
  const OptionSpec* spec = find_long(o);
  if (!spec) {
    throw Error(ErrorKind::Config, "sbatch option --" + std::string(o) +
                                       " is not supported by the Slurm backend (libslurm submission): supported are "
                                       "--constraint, --exclusive, --reservation, --licenses, --wckey, --requeue, "
                                       "--no-requeue and the options sealadapter writes itself");
  }
  if (spec->has_arg && v.empty()) bad(o, v, "needs a value");
  if (!spec->has_arg && !v.empty()) bad(o, v, "takes no value");
  const std::string s(v);
  if (o == "job-name") d.name = s;
  else if (o == "comment") d.comment = s;
  else if (o == "partition") d.partition = s;
  else if (o == "nodes") d.nodes = to_int(o, v, 1);
  else if (o == "ntasks") d.ntasks = to_int(o, v, 1);
  else if (o == "cpus-per-task") d.cpus_per_task = to_int(o, v, 1);
  else if (o == "mem") d.memory_mb = to_mb(o, v);
  else if (o == "tmp") d.tmp_disk_mb = to_mb(o, v);
  else if (o == "gres") d.tres_per_node = tres_from_gres(v);
  else if (o == "time") {
    const auto minutes = parse_walltime_minutes(v);
    if (!minutes) bad(o, v, "not a Slurm time limit");
    d.time_limit_minutes = *minutes;
  } else if (o == "nice") d.nice = to_int(o, v, -2147483645);
  else if (o == "account") d.account = s;
  else if (o == "qos") d.qos = s;
  else if (o == "exclude") d.exclude_nodes = s;
  else if (o == "output") d.std_out = s;
  else if (o == "error") d.std_err = s;
  else if (o == "chdir") d.work_dir = s;
  else if (o == "signal") apply_signal(d, v);
  else if (o == "constraint") d.features = s;
  else if (o == "exclusive") d.exclusive = true;
  else if (o == "reservation") d.reservation = s;
  else if (o == "licenses") d.licenses = s;
  else if (o == "wckey") d.wckey = s;
  else if (o == "requeue") d.requeue = true;
  else if (o == "no-requeue") d.requeue = false;
}

// Splits one line's arguments into options and values the way sbatch's getopt_long does.
void apply_sbatch_arguments(SlurmJobDesc& d, const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() < 2 || a[0] != '-') {
      throw Error(ErrorKind::Config, "sbatch argument \"" + a + "\" is not an option");
    }
    const OptionSpec* spec = nullptr;
    std::string name, value;
    bool inline_value = false;
    if (a[1] == '-') {
      const auto eq = a.find('=');
      name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      spec = find_long(name);
      if (eq != std::string::npos) {
        value = a.substr(eq + 1);
        inline_value = true;
      }
    } else {
      spec = find_short(a[1]);
      name = spec ? std::string(spec->name) : a.substr(1, 1);
      if (a.size() > 2) {
        value = a.substr(2);
        inline_value = true;
      }
    }
    if (spec && spec->has_arg && !inline_value) {
      if (i + 1 >= args.size()) throw Error(ErrorKind::Config, "sbatch option " + a + " needs a value");
      value = args[++i];
    }
    apply_sbatch_option(d, "--" + name, value);
  }
}

SlurmJobDesc job_desc_from_header(std::string_view script) {
  SlurmJobDesc d;
  for (const std::string& line : visible_sbatch_lines(script)) {
    apply_sbatch_arguments(d, parse_sbatch_arguments(std::string_view(line).substr(7)));  // after "#SBATCH"
  }
  return d;
}

}  // namespace sa::adapter
