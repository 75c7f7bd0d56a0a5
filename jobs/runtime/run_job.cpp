// The job runtime: argument parsing, MPI set-up, one task (or a batch of tasks, one per rank), the result
// published atomically from rank 0, and the exit code.
#include "runtime/run_job.hpp"

#include <iostream>
#include <string>

#include "base/error.hpp"
#include "contract/job_batch.hpp"
#include "runtime/run_batch.hpp"
#include "runtime/task_run.hpp"

namespace sa::jobs {

namespace {

int usage(const char* msg) {
  std::cerr << "sa-job: " << msg << "\n"
            << "usage: sa-job <stage> --manifest FILE   (a job manifest or a batch of them)\n"
            << "       sa-job --list | --version\n";
  return exit_code(JobExit::Usage);
}

int wrong_stage(const std::string& file_stage, const std::string& stage_name) {
  std::cerr << "sa-job: the manifest is for stage \"" << file_stage << "\", not \"" << stage_name << "\"\n";
  return exit_code(JobExit::Usage);
}

}  // namespace

int sa_job_main(int argc, char** argv) {
  std::string stage_name, manifest_path;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--version") {
      std::cout << "sa-job " << SA_VERSION << " (manifest v" << kManifestVersion << ", batch v" << kBatchVersion
                << ", result v" << kResultVersion << ")\n";
      return 0;
    }
    if (a == "--list") {
      for (const auto& s : stages()) std::cout << s.name << "\t" << s.description << "\n";
      return 0;
    }
    if (a == "--manifest" && i + 1 < argc) manifest_path = argv[++i];
    else if (a.rfind("--manifest=", 0) == 0) manifest_path = a.substr(11);
    else if (stage_name.empty() && !a.empty() && a[0] != '-') stage_name = a;
    else return usage(("unexpected argument: " + a).c_str());
  }
  if (stage_name.empty() || manifest_path.empty()) return usage("a stage and --manifest are required");
  const StageInfo* stage = find_stage(stage_name);
  if (!stage) return usage(("unknown stage: " + stage_name + " (sa-job --list shows them)").c_str());

  JobManifest manifest;
  std::optional<JobBatch> batch;
  try {
    nlohmann::json doc = read_contract_json(manifest_path);
    if (is_batch(doc)) batch = batch_from_json(doc);
    else manifest = manifest_from_json(doc);
  } catch (const Error& e) {
    std::cerr << "sa-job: " << e.with_context(manifest_path).what() << "\n";
    return exit_code(JobExit::Usage);
  }
  if (batch && batch->stage != stage_name) return wrong_stage(batch->stage, stage_name);
  if (!batch && manifest.stage != stage_name) return wrong_stage(manifest.stage, stage_name);

  MpiSession mpi(&argc, &argv);
  if (batch) return run_batch(*stage, *batch, mpi);
  JobResult result = run_task(*stage, manifest, mpi);
  if (mpi.rank() == 0 && !publish_result(manifest.result_path, result)) return exit_code(JobExit::Retryable);
  return exit_code(exit_for(result.status));
}

}  // namespace sa::jobs
