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

[[noreturn]] void bad(std::string_view option, std::string_view value, const std::string& why) {
  throw Error(ErrorKind::Config,
              "sbatch option --" + std::string(option) + (value.empty() ? "" : "=" + std::string(value)) + ": " + why);
}

int to_int(std::string_view option, std::string_view v, long min) {
  const std::string s(v);
  char* end = nullptr;
  const long n = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || n < min || n > 2147483645) {
    bad(option, v, "not a whole number >= " + std::to_string(min));
  }
  return static_cast<int>(n);
}

// sbatch sizes: a number with an optional K/M/G/T suffix, in MiB when there is none (as --mem and --tmp).
std::uint64_t to_mb(std::string_view option, std::string_view v) {
  const std::string s(v);
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

int signal_number(std::string_view name) {
  if (!name.empty() && name.find_first_not_of("0123456789") == std::string_view::npos) return to_int("signal", name, 1);
  if (name.substr(0, 3) == "SIG") name.remove_prefix(3);
  const std::pair<std::string_view, int> table[] = {
      {"HUP", SIGHUP},   {"INT", SIGINT},   {"QUIT", SIGQUIT}, {"KILL", SIGKILL}, {"USR1", SIGUSR1}, {"USR2", SIGUSR2},
      {"TERM", SIGTERM}, {"CONT", SIGCONT}, {"STOP", SIGSTOP}, {"ALRM", SIGALRM}, {"URG", SIGURG}};
  for (const auto& [n, number] : table) {
    if (n == name) return number;
  }
  bad("signal", name, "unknown signal");
}

// --signal=[B:]<sig>[@<seconds>]; B: signals the batch shell only. R: (reservations) is refused.
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
  d.warn_signal = signal_number(rest);
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

void set_time(SlurmJobDesc& d, std::string_view v) {
  const auto minutes = parse_walltime_minutes(v);
  if (!minutes) bad("time", v, "not a Slurm time limit");
  d.time_limit_minutes = *minutes;
}

using Setter = void (*)(SlurmJobDesc&, std::string_view);

struct OptionSpec {
  std::string_view name;  // long name without "--"
  char short_name;        // 0 = none
  bool has_arg;
  Setter set;
};

using D = SlurmJobDesc;
using V = std::string_view;
const OptionSpec kOptions[] = {
    {"job-name", 'J', true, [](D& d, V v) { d.name = v; }},
    {"comment", 0, true, [](D& d, V v) { d.comment = v; }},
    {"partition", 'p', true, [](D& d, V v) { d.partition = v; }},
    {"nodes", 'N', true, [](D& d, V v) { d.nodes = to_int("nodes", v, 1); }},
    {"ntasks", 'n', true, [](D& d, V v) { d.ntasks = to_int("ntasks", v, 1); }},
    {"cpus-per-task", 'c', true, [](D& d, V v) { d.cpus_per_task = to_int("cpus-per-task", v, 1); }},
    {"mem", 0, true, [](D& d, V v) { d.memory_mb = to_mb("mem", v); }},
    {"tmp", 0, true, [](D& d, V v) { d.tmp_disk_mb = to_mb("tmp", v); }},
    {"gres", 0, true, [](D& d, V v) { d.tres_per_node = tres_from_gres(v); }},
    {"time", 't', true, set_time},
    {"nice", 0, true, [](D& d, V v) { d.nice = to_int("nice", v, -2147483645); }},
    {"account", 'A', true, [](D& d, V v) { d.account = v; }},
    {"qos", 'q', true, [](D& d, V v) { d.qos = v; }},
    {"exclude", 'x', true, [](D& d, V v) { d.exclude_nodes = v; }},
    {"nodelist", 'w', true, [](D& d, V v) { d.req_nodes = v; }},
    {"dependency", 'd', true, [](D& d, V v) { d.dependency = v; }},
    {"kill-on-invalid-dep", 0, true, [](D& d, V v) { d.kill_invalid_dep = std::string_view(v) == "yes"; }},
    {"output", 'o', true, [](D& d, V v) { d.std_out = v; }},
    {"error", 'e', true, [](D& d, V v) { d.std_err = v; }},
    {"chdir", 'D', true, [](D& d, V v) { d.work_dir = v; }},
    {"signal", 0, true, apply_signal},
    {"constraint", 'C', true, [](D& d, V v) { d.features = v; }},
    {"gpu-bind", 0, true, [](D& d, V v) { d.tres_bind = "gpu:" + std::string(v); }},
    {"exclusive", 0, false, [](D& d, V) { d.exclusive = true; }},
    {"reservation", 0, true, [](D& d, V v) { d.reservation = v; }},
    {"licenses", 'L', true, [](D& d, V v) { d.licenses = v; }},
    {"wckey", 0, true, [](D& d, V v) { d.wckey = v; }},
    {"requeue", 0, false, [](D& d, V) { d.requeue = true; }},
    {"no-requeue", 0, false, [](D& d, V) { d.requeue = false; }},
};

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

void apply_sbatch_option(SlurmJobDesc& d, std::string_view option, std::string_view value) {
  std::string_view o = option;
  const OptionSpec* spec = nullptr;
  if (o.substr(0, 2) == "--") {
    spec = find_long(o.substr(2));
  } else if (o.size() == 2 && o[0] == '-') {
    spec = find_short(o[1]);
  }
  if (!spec) {
    throw Error(ErrorKind::Config, "sbatch option " + std::string(option) +
                                       " is not supported by the Slurm backend (libslurm submission): supported are "
                                       "--constraint, --exclusive, --gpu-bind, --reservation, --licenses, --wckey, "
                                       "--requeue, --no-requeue and the options sealadapter writes itself");
  }
  if (spec->has_arg && value.empty()) bad(spec->name, value, "needs a value");
  if (!spec->has_arg && !value.empty()) bad(spec->name, value, "takes no value");
  spec->set(d, value);
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
