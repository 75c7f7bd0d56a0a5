// `sealadapter report`: per sector, what sealing it cost: per task the attempts, queue wait (submitted ->
// started, from the batch system's answers), run time, CPU time and peak memory (measured by sa-job with
// getrusage over all ranks), and GPU time (run time x GPUs allocated), with the sector's totals.
#include <iostream>
#include <map>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "contract/job_result.hpp"

namespace sa::adapter {

namespace {

struct Cost {
  int attempts = 0;
  double wait = 0, run = 0, cpu = 0, gpu = 0;
  std::uint64_t peak = 0;
};

}  // namespace

void register_report(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("report", "What sealing each sector cost: queue wait, run, CPU and GPU time, peak memory");
  auto sector = std::make_shared<std::optional<std::uint64_t>>();
  auto miner = std::make_shared<std::uint64_t>(1000);
  auto json = std::make_shared<bool>(false);
  cmd->add_option("--sector", *sector, "Only this sector");
  cmd->add_option("--miner", *miner, "Miner actor id")->capture_default_str();
  cmd->add_flag("--json", *json, "JSON");
  cmd->callback([&ctx, sector, miner, json] {
    TaskFilter f;
    if (*sector) f.sector = SectorRef{*miner, **sector};
    std::map<std::pair<std::uint64_t, std::uint64_t>, std::vector<std::pair<TaskRecord, Cost>>> by_sector;
    for (const TaskRecord& t : ctx.store().tasks(f)) {
      Cost c;
      for (const AttemptRecord& a : ctx.store().attempts_of(t.id)) {
        ++c.attempts;
        if (a.submitted_at > 0 && a.started_at > 0) c.wait += a.started_at - a.submitted_at;
        std::optional<jobs::JobResult> r;
        try {
          r = jobs::read_result(a.result_path);
        } catch (const std::exception&) {
        }
        double run = r ? r->wall_seconds : (a.started_at > 0 && a.ended_at > 0 ? a.ended_at - a.started_at : 0);
        c.run += run;
        if (r) {
          c.cpu += r->cpu_seconds;
          c.peak = std::max(c.peak, r->peak_rss_bytes);
        }
        c.gpu += run * a.request.value("gpus", 0);
      }
      by_sector[{t.sector.miner, t.sector.number}].push_back({t, c});
    }
    if (*sector && by_sector.empty()) throw Error(ErrorKind::Usage, "no tasks for sector " + std::to_string(**sector));
    nlohmann::json out = nlohmann::json::array();
    Table table({"SECTOR", "TASK", "STATE", "ATTEMPTS", "QUEUE WAIT", "RUN", "CPU", "GPU", "PEAK MEMORY"});
    for (const auto& [sec, rows] : by_sector) {
      Cost total;
      nlohmann::json tasks = nlohmann::json::array();
      std::string name = std::to_string(sec.first) + "/" + std::to_string(sec.second);
      for (const auto& [t, c] : rows) {
        total.attempts += c.attempts;
        total.wait += c.wait;
        total.run += c.run;
        total.cpu += c.cpu;
        total.gpu += c.gpu;
        total.peak = std::max(total.peak, c.peak);
        tasks.push_back({{"task", std::string(short_name(t.type))}, {"state", std::string(task_state_name(t.state))},
                         {"attempts", c.attempts}, {"queue_wait_seconds", c.wait}, {"run_seconds", c.run},
                         {"cpu_seconds", c.cpu}, {"gpu_seconds", c.gpu}, {"peak_rss_bytes", c.peak}});
        table.add({name, std::string(short_name(t.type)), std::string(task_state_name(t.state)), std::to_string(c.attempts),
                   duration_str(c.wait), duration_str(c.run), duration_str(c.cpu), duration_str(c.gpu), size_str(c.peak)});
      }
      table.add({name, "total", "", std::to_string(total.attempts), duration_str(total.wait), duration_str(total.run),
                 duration_str(total.cpu), duration_str(total.gpu), size_str(total.peak)});
      out.push_back({{"sector", {{"miner", sec.first}, {"number", sec.second}}}, {"tasks", tasks},
                     {"total", {{"attempts", total.attempts}, {"queue_wait_seconds", total.wait}, {"run_seconds", total.run},
                                {"cpu_seconds", total.cpu}, {"gpu_seconds", total.gpu}, {"peak_rss_bytes", total.peak}}}});
    }
    if (*json) std::cout << out.dump(2) << "\n";
    else table.print(std::cout);
  });
}

}  // namespace sa::adapter
