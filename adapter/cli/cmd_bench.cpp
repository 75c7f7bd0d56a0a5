// `sealadapter bench`: in one run on this machine, the SHA-256 compression rate (one stream), the PC1 label
// rate and its ratio to it (how close PC1 is to the hashing limit), Fr multiplication, Poseidon per hash on
// each path, PC2's hashing at 1 and all threads (medians of --repeat samples, bench_table.cpp), and the wall
// time and peak memory of each stage of one sector sealed end to end in a scratch directory.
#include <unistd.h>

#include <iostream>

#include "base/error.hpp"
#include "cli/bench_table.hpp"
#include "cli/commands.hpp"
#include "cli/job_runner.hpp"
#include "cli/output.hpp"
#include "cli/parse_args.hpp"
#include "cli/seal_driver.hpp"
#include "contract/job_result.hpp"

namespace sa::adapter {

namespace {

struct TempHome {
  std::filesystem::path path;
  TempHome() {
    path = std::filesystem::temp_directory_path() / ("sealadapter-bench-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempHome() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

}  // namespace

void register_bench(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("bench", "Measure SHA-256, PC1 label and Poseidon rates and seal one sector, in one run");
  auto size = std::make_shared<std::string>("8MiB");
  auto seconds = std::make_shared<double>(0.3);
  auto repeat = std::make_shared<int>(5);
  auto json = std::make_shared<bool>(false);
  cmd->add_option("--sector-size", *size, "Sector size of the graph and of the sealed sector")->capture_default_str();
  cmd->add_option("--seconds", *seconds, "Time per sample of each rate")->capture_default_str()->check(CLI::Range(0.05, 60.0));
  cmd->add_option("--repeat", *repeat, "Samples per rate (the median and spread are reported)")
      ->capture_default_str()->check(CLI::Range(1, 100));
  cmd->add_flag("--json", *json, "One JSON object");
  cmd->callback([&ctx, size, seconds, repeat, json] {
    params::SealProof proof = params::seal_proof(parse_size_arg(*size), params::ProofVersion::V1_1);
    TempHome home;
    jobs::JobResult kernels = run_job_here(ctx.job_binary(), home.path / "kernels", "bench", 1000, 1, proof.id,
                                           home.path / "storage", {{"seconds", *seconds}, {"repeat", *repeat}});
    if (kernels.status != jobs::ResultStatus::Ok) throw Error(ErrorKind::Internal, "sa-job bench: " + kernels.error_message);
    const nlohmann::json& k = kernels.outputs;

    // One sector end to end on the embedded default site in the scratch home.
    CliOptions opts;
    opts.home = (home.path / "seal").string();
    CliContext seal_ctx(opts);
    SealRequest req;
    req.proof = proof;
    req.sectors = {1};
    req.verbose = !*json;
    req.ap_inputs = {{"pieces", nlohmann::json::array()}};
    std::vector<SectorReport> reports = seal_sectors(seal_ctx, req);
    nlohmann::json stages = nlohmann::json::array();
    for (TaskType t : kSealPipeline) {
      auto task = seal_ctx.store().find_task({1000, 1}, t);
      if (!task) continue;
      auto attempts = seal_ctx.store().attempts_of(task->id);
      if (attempts.empty()) continue;
      auto r = jobs::read_result(attempts.back().result_path);
      stages.push_back({{"stage", std::string(short_name(t))},
                        {"state", std::string(task_state_name(task->state))},
                        {"wall_seconds", r ? r->wall_seconds : 0.0},
                        {"peak_rss_bytes", r ? r->peak_rss_bytes : 0}});
    }
    nlohmann::json out = {{"sector_size", std::string(params::sector_size_name(proof.size()))},
                          {"kernels", k},
                          {"stages", stages},
                          {"sealed", !reports.empty() && reports[0].state == "done"},
                          {"verified", !reports.empty() && reports[0].verified}};
    if (*json) {
      std::cout << out.dump(2) << "\n";
      return;
    }
    std::cout << "sealadapter bench, " << out["sector_size"].get<std::string>() << "\n\n";
    print_bench_rates(k, std::cout);
    std::cout << "\n";
    Table st({"STAGE", "STATE", "WALL", "PEAK MEMORY"});
    for (const auto& s : stages) {
      st.add({s["stage"], s["state"], duration_str(s["wall_seconds"].get<double>()), size_str(s["peak_rss_bytes"].get<std::uint64_t>())});
    }
    st.print(std::cout);
    std::cout << "\nsealed: " << (out["sealed"].get<bool>() ? "yes" : "no") << ", proofs verified: "
              << (out["verified"].get<bool>() ? "yes" : "no") << "\n";
  });
}

}  // namespace sa::adapter
