// make_job_desc: the job description from the request, cross-checked against the rendered #SBATCH header
// (job_desc.hpp). Sizes are rounded up to whole MiB exactly as the renderer writes --mem and --tmp.
#include "backend/slurm/job_desc.hpp"

#include <sstream>

#include "base/error.hpp"
#include "render/sbatch_directives.hpp"

namespace sa::adapter {

namespace {

constexpr std::uint64_t kMiB = 1ull << 20;

std::uint64_t to_mib(std::uint64_t bytes) { return (bytes + kMiB - 1) / kMiB; }

std::string show(const std::string& s) { return "\"" + s + "\""; }
template <typename T>
std::string show(const T& v) {
  std::ostringstream out;
  out << v;
  return out.str();
}
template <typename T>
std::string show(const std::optional<T>& v) {
  return v ? show(*v) : std::string("unset");
}

}  // namespace

std::string first_difference(const SlurmJobDesc& a, const SlurmJobDesc& b) {
  std::string out;
  auto check = [&out](const char* field, const auto& x, const auto& y) {
    if (out.empty() && !(x == y)) out = std::string(field) + ": " + show(x) + " vs " + show(y);
  };
  check("name", a.name, b.name);
  check("comment", a.comment, b.comment);
  check("partition", a.partition, b.partition);
  check("nodes", a.nodes, b.nodes);
  check("ntasks", a.ntasks, b.ntasks);
  check("cpus_per_task", a.cpus_per_task, b.cpus_per_task);
  check("memory_mb", a.memory_mb, b.memory_mb);
  check("tmp_disk_mb", a.tmp_disk_mb, b.tmp_disk_mb);
  check("tres_per_node", a.tres_per_node, b.tres_per_node);
  check("time_limit_minutes", a.time_limit_minutes, b.time_limit_minutes);
  check("nice", a.nice, b.nice);
  check("account", a.account, b.account);
  check("qos", a.qos, b.qos);
  check("exclude_nodes", a.exclude_nodes, b.exclude_nodes);
  check("req_nodes", a.req_nodes, b.req_nodes);
  check("dependency", a.dependency, b.dependency);
  check("kill_invalid_dep", a.kill_invalid_dep, b.kill_invalid_dep);
  check("std_out", a.std_out, b.std_out);
  check("std_err", a.std_err, b.std_err);
  check("work_dir", a.work_dir, b.work_dir);
  check("features", a.features, b.features);
  check("tres_bind", a.tres_bind, b.tres_bind);
  check("reservation", a.reservation, b.reservation);
  check("licenses", a.licenses, b.licenses);
  check("wckey", a.wckey, b.wckey);
  check("exclusive", a.exclusive, b.exclusive);
  check("requeue", a.requeue, b.requeue);
  check("warn_signal", a.warn_signal, b.warn_signal);
  check("warn_seconds", a.warn_seconds, b.warn_seconds);
  check("warn_batch_only", a.warn_batch_only, b.warn_batch_only);
  return out;
}

SlurmJobDesc make_job_desc(const JobLaunch& l, const SlurmSubmitOptions& options) {
  const JobRequest& r = l.request;
  if (l.script.empty()) throw Error(ErrorKind::Internal, "submit " + l.tag + ": no job script was rendered");
  SlurmJobDesc d;
  d.name = l.tag;
  d.comment = l.comment;
  d.partition = r.partition;
  d.work_dir = l.workdir.string();
  d.std_out = l.log.string();
  d.account = r.account;
  d.qos = r.qos;
  for (const std::string& n : r.exclude_nodes) d.exclude_nodes += (d.exclude_nodes.empty() ? "" : ",") + n;
  for (const std::string& n : r.nodelist) d.req_nodes += (d.req_nodes.empty() ? "" : ",") + n;
  d.dependency = r.dependency;
  d.kill_invalid_dep = !r.dependency.empty();
  if (r.gpus > 0) {
    d.tres_per_node = "gres:gpu:" + (r.gpu_type.empty() ? "" : r.gpu_type + ":") + std::to_string(r.gpus);
  }
  d.nodes = r.nodes;
  d.ntasks = r.ntasks;
  d.cpus_per_task = r.cpus_per_task;
  d.memory_mb = to_mib(r.memory_bytes);
  d.tmp_disk_mb = to_mib(r.tmp_bytes);
  d.time_limit_minutes = r.time_limit_minutes;
  d.nice = r.nice;
  for (const std::string& extra : r.extra_directives) {
    try {
      apply_sbatch_arguments(d, parse_sbatch_arguments(extra));
    } catch (const Error& e) {
      throw e.with_context("partition " + r.partition + " extra directive \"" + extra + "\"");
    }
  }

  // What only the renderer decides: the time-limit warning, and --tmp only where nodes declare TmpDisk.
  const SlurmJobDesc header = job_desc_from_header(l.script);
  d.warn_signal = header.warn_signal;
  d.warn_seconds = header.warn_seconds;
  d.warn_batch_only = header.warn_batch_only;
  if (header.tmp_disk_mb == 0) d.tmp_disk_mb = 0;
  if (const std::string diff = first_difference(d, header); !diff.empty()) {
    throw Error(ErrorKind::Config, "submit " + l.tag +
                                       ": the job script's #SBATCH header and the request disagree on " + diff +
                                       " (request vs header); a template's own #SBATCH lines belong in the "
                                       "partition's extra_directives");
  }

  d.script = l.script;
  if (options.requeue) d.requeue = options.requeue;
  d.user_id = options.user_id;
  d.group_id = options.group_id;
  std::map<std::string, std::string> env = options.environment;
  for (const auto& [k, v] : r.env) env[k] = v;
  env["SA_JOB_TAG"] = l.tag;
  for (const auto& [k, v] : env) {
    if (k.empty() || k.find('=') != std::string::npos) {
      throw Error(ErrorKind::Config, "submit " + l.tag + ": bad environment variable name \"" + k + "\"");
    }
    d.environment.push_back(k + "=" + v);
  }
  return d;
}

}  // namespace sa::adapter
