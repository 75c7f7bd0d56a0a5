// render_job_script and job_tag (job_script.hpp). The template sees shell-quoted values ({{x}}), two
// pre-built blocks ({{{sbatch_directives}}}, {{{launch_command}}}) and the env list; templates/README.md
// lists every variable. An unknown {{name}} is an error, not an empty string.
#include "render/job_script.hpp"

#include <kainjow/mustache.hpp>

#include <algorithm>

#include "base/error.hpp"
#include "config/env_name.hpp"
#include "config/units.hpp"
#include "render/launch_command.hpp"
#include "render/sbatch_directives.hpp"
#include "render/shell_quote.hpp"
#include "render/template_source.hpp"

namespace sa::adapter {

namespace {

namespace mus = kainjow::mustache;
constexpr std::uint64_t kMiB = 1ull << 20;

// kainjow's context, but a name the data does not define is an error naming the template: a misspelt
// {{manfest}} would otherwise render as nothing and start the binary without its manifest.
class StrictContext : public mus::context<std::string> {
 public:
  StrictContext(const mus::data* data, std::string origin)
      : mus::context<std::string>(data), origin_(std::move(origin)) {}
  const mus::data* get(const std::string& name) const override {
    const mus::data* d = mus::context<std::string>::get(name);
    if (d == nullptr) throw Error(ErrorKind::Config, "template " + origin_ + ": unknown variable {{" + name + "}}");
    return d;
  }
  const mus::data* get_partial(const std::string& name) const override {
    throw Error(ErrorKind::Config, "template " + origin_ + ": partials ({{> " + name + "}}) are not supported");
  }

 private:
  std::string origin_;
};

mus::data env_list(const JobRequest& r) {
  mus::data list(mus::data::type::list);
  for (const auto& [name, value] : r.env) {
    if (!is_valid_env_name(name)) {
      throw Error(ErrorKind::Config, "environment variable name \"" + name + "\" must match [A-Z_][A-Z0-9_]*");
    }
    if (value.find('\0') != std::string::npos) {
      throw Error(ErrorKind::Config, "environment value of " + name + " contains NUL");
    }
    mus::data item;
    item.set("name", name);
    item.set("value", value);
    list.push_back(item);
  }
  return list;
}

mus::data template_data(const JobRequest& r, const JobScriptContext& ctx, const SiteConfig& site,
                        const std::string& directives, const std::filesystem::path& binary) {
  mus::data d;
  d.set("sbatch_directives", directives);
  d.set("launch_command", launch_command(r, binary, ctx.stage, ctx.manifest));
  d.set("env", env_list(r));
  d.set("job_name", ctx.job_name);
  d.set("comment", ctx.comment);
  d.set("stage", ctx.stage);
  d.set("manifest", ctx.manifest.string());
  d.set("job_binary", binary.string());
  d.set("workdir", ctx.workdir.string());
  d.set("output", ctx.output.string());
  d.set("partition", r.partition);
  d.set("launcher", std::string(launcher_name(r.launcher)));
  d.set("nodes", std::to_string(r.nodes));
  d.set("ntasks", std::to_string(r.ntasks));
  d.set("cpus_per_task", std::to_string(r.cpus_per_task));
  d.set("memory_mib", std::to_string((r.memory_bytes + kMiB - 1) / kMiB));
  d.set("gpus", std::to_string(r.gpus));
  d.set("gpu_type", r.gpu_type);
  d.set("tmp_mib", std::to_string((r.tmp_bytes + kMiB - 1) / kMiB));
  d.set("time_limit", r.time_limit_minutes > 0 ? format_walltime(r.time_limit_minutes) : "");
  d.set("time_limit_minutes", std::to_string(r.time_limit_minutes));
  d.set("nice", std::to_string(r.nice));
  d.set("account", r.account);
  d.set("qos", r.qos);
  d.set("lotus_threads", std::to_string(r.lotus_threads));
  d.set("instance", site.instance);
  d.set("site", site.name);
  d.set("state_dir", site.state_dir.string());
  d.set("storage_dir", site.storage_dir.string());
  d.set("scratch_dir", site.scratch_dir.string());
  d.set("urgent", r.urgent);
  d.set("has_gpus", r.gpus > 0);
  d.set("launcher_srun", r.launcher == Launcher::Srun);
  d.set("launcher_mpirun", r.launcher == Launcher::Mpirun);
  d.set("launcher_direct", r.launcher == Launcher::Direct);
  return d;
}

// sbatch must see every generated directive: the header has to come right after "#!" and comments.
void check_directives_visible(const std::string& script, const std::string& directives, const std::string& origin) {
  if (script.rfind("#!", 0) != 0) {
    throw Error(ErrorKind::Config, "template " + origin + ": the script must start with \"#!\" (sbatch requires it)");
  }
  const auto visible = visible_sbatch_lines(script);
  std::size_t start = 0;
  while (start < directives.size()) {
    std::size_t end = directives.find('\n', start);
    if (end == std::string::npos) end = directives.size();
    const std::string line = directives.substr(start, end - start);
    start = end + 1;
    if (std::find(visible.begin(), visible.end(), line) == visible.end()) {
      throw Error(ErrorKind::Config, "template " + origin + ": sbatch would not read \"" + line +
                                         "\"; put {{{sbatch_directives}}} at the start of a line, before any command");
    }
  }
}

}  // namespace

std::string job_tag(const std::string& instance, std::uint64_t miner, std::uint64_t sector, TaskType task,
                    int attempt) {
  return instance + "-" + std::to_string(miner) + "-" + std::to_string(sector) + "-" + std::string(short_name(task)) +
         "-a" + std::to_string(attempt);
}

std::string render_job_script(const JobRequest& request, const JobScriptContext& ctx, const SiteConfig& site,
                              const Partition& partition) {
  const std::filesystem::path binary = !ctx.job_binary.empty() ? ctx.job_binary : site.job_binary;
  if (binary.empty()) throw Error(ErrorKind::Config, "no job binary: set job_binary in the site file");
  if (ctx.stage.empty()) throw Error(ErrorKind::Config, "no stage name for the job binary");
  if (ctx.manifest.empty()) throw Error(ErrorKind::Config, "no manifest path for the job");

  const JobTemplate tmpl = find_job_template(site, partition);
  mus::mustache engine(tmpl.text);
  if (!engine.is_valid()) throw Error(ErrorKind::Config, "template " + tmpl.origin + ": " + engine.error_message());
  engine.set_custom_escape([](const std::string& s) { return shell_quote(s); });

  const std::string directives = sbatch_directives(request, ctx, partition);
  const mus::data data = template_data(request, ctx, site, directives, binary);
  StrictContext context(&data, tmpl.origin);
  std::string script = engine.render(context);
  check_directives_visible(script, directives, tmpl.origin);
  return script;
}

}  // namespace sa::adapter
