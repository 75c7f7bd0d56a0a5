// `sealadapter render`: the exact job script that would be submitted for a task, from the site's mapping and
// the partition's template, without submitting anything (--json adds the job request).
#include <iostream>

#include "base/error.hpp"
#include "backend/slurm/slurm_backend.hpp"
#include "cli/commands.hpp"
#include "cli/parse_args.hpp"
#include "engine/request_json.hpp"
#include "engine/task_stage.hpp"
#include "mapping/job_request.hpp"
#include "render/job_script.hpp"

namespace sa::adapter {

void register_render(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("render", "Print the job script a task would be submitted with");
  struct Args {
    std::string task, version = "V1_1", partition;
    std::optional<std::string> size;
    std::optional<std::int64_t> proof_id;
    int priority = 0, ranks = 1;
    std::uint64_t miner = 1000, sector = 1;
    bool json = false, validate = false;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--task", a->task, "Task type (AP, PC1, PC2, C1, C2, UNS, FIN, GET, ...)")->required();
  cmd->add_option("--sector-size", a->size, "Sector size");
  cmd->add_option("--proof", a->version, "Proof version (V1, V1_1, SyntheticPoRep, NiPoRep)")->capture_default_str();
  cmd->add_option("--proof-type", a->proof_id, "Registered seal proof id (0-19) instead of size + version");
  cmd->add_option("--partition", a->partition, "Partition (default: chosen as for a real submission)");
  cmd->add_option("--priority", a->priority, "Lotus priority (1024 for deal sectors)")->capture_default_str();
  cmd->add_option("--ranks", a->ranks, "MPI ranks")->capture_default_str()->check(CLI::Range(1, 4096));
  cmd->add_option("--miner", a->miner, "Miner actor id for the job tag")->capture_default_str();
  cmd->add_option("--sector", a->sector, "Sector number for the job tag")->capture_default_str();
  cmd->add_flag("--json", a->json, "Print the job request and the script as JSON");
  cmd->add_flag("--validate", a->validate, "Ask Slurm whether the job could run (slurm_job_will_run) and why not");
  cmd->callback([&ctx, a] {
    TaskSpec spec{parse_task_arg(a->task), proof_arg(a->size, a->version, a->proof_id), a->priority, a->ranks};
    const SiteConfig& site = ctx.site();
    if (!a->partition.empty() && !site.find_partition(a->partition)) {
      throw Error(ErrorKind::Usage, "no partition \"" + a->partition + "\" in " + site.source);
    }
    const Partition& part = choose_partition(spec, ctx.table(), site, a->partition);
    JobRequest req = map_task(spec, ctx.table(), part, site);
    std::filesystem::path dir = site.state_dir / "jobs" / "<task>" / "a1";
    JobScriptContext sc;
    sc.job_name = job_tag(site.instance, a->miner, a->sector, spec.task, 1);
    sc.comment = "sealadapter:" + site.instance + ":task=<task>:attempt=1";
    sc.manifest = dir / "manifest.json";
    sc.job_binary = ctx.job_binary();
    sc.stage = std::string(stage_for(spec.task).value_or(short_name(spec.task)));
    sc.workdir = dir;
    sc.output = dir / "job.log";
    std::string script = render_job_script(req, sc, site, part);
    nlohmann::json validation;
    if (a->validate) {
      SlurmBackend* slurm = site.backend == BackendKind::Slurm ? ctx.slurm() : nullptr;
      if (!slurm) throw Error(ErrorKind::Usage, "--validate asks Slurm: the site's backend is local");
      JobLaunch l;
      l.tag = sc.job_name;
      l.comment = sc.comment;
      l.request = req;
      l.stage = sc.stage;
      l.job_binary = sc.job_binary;
      l.manifest = sc.manifest;
      l.workdir = sc.workdir;
      l.log = sc.output;
      l.script = script;
      JobValidation v = slurm->validate(l);
      validation = {{"runnable", v.runnable}, {"partition", v.partition}, {"nodes", v.nodes},
                    {"expected_start", v.expected_start}, {"explanation", v.explanation}};
    }
    if (a->json) {
      nlohmann::json out = {{"request", to_json(req)}, {"script", script}};
      if (a->validate) out["validation"] = validation;
      std::cout << out.dump(2) << "\n";
    } else {
      std::cout << script;
      if (a->validate) {
        std::cout << "\n# Slurm: " << (validation["runnable"].get<bool>()
                                         ? "could run on " + validation["nodes"].get<std::string>() + " (partition " +
                                               validation["partition"].get<std::string>() + ")"
                                         : "cannot run: " + validation["explanation"].get<std::string>())
                  << "\n";
      }
    }
    if (a->validate && !validation["runnable"].get<bool>()) {
      throw Error(ErrorKind::Resource, "Slurm would not run this job: " + validation["explanation"].get<std::string>());
    }
  });
}

}  // namespace sa::adapter
