// Benchmark: a queue of N AddPiece tasks (default 1000) through the engine, the Slurm backend and the real
// local cluster. Prints a table: wall time, jobs in flight at most vs what the resource windows allow, and
// every slurmctld call by kind with the calls per completed task. Exits 1 when the windows were exceeded or
// a task did not finish. Run by CTest with label cluster (tests/cluster/CMakeLists.txt).
#include <cstdio>

#include "cluster/engine_cluster.hpp"

int main(int argc, char** argv) {
  using namespace sa;
  const int tasks = argc > 1 ? std::atoi(argv[1]) : 1000;
  if (const std::string why = test::cluster_down_reason(); !why.empty()) {
    std::fprintf(stderr, "bench_slurm_queue: the local Slurm cluster is not up (%s)\n", why.c_str());
    return test::in_ci() ? 1 : 0;
  }
  test::EngineCluster c;
  auto engine = c.engine();
  const params::SealProof proof{5};
  for (int s = 1; s <= tasks; ++s) {
    c.submit(static_cast<std::uint64_t>(s), adapter::TaskType::AddPiece, {{"pieces", nlohmann::json::array()}}, proof);
  }
  // What the windows allow at once in partition cpu: as many AP 2KiB as its pooled nodes can run.
  int cpus = 0;
  for (const auto& w : c.backend().workers()) {
    if (std::find(w.partitions.begin(), w.partitions.end(), "cpu") != w.partitions.end()) cpus += w.cpus;
  }
  const int threads = c.table().get(adapter::TaskType::AddPiece, proof).threads(2, 0);
  const int allowed = cpus / std::max(1, threads);
  const adapter::SlurmCallCounts before = c.backend().call_counts();
  const auto t0 = std::chrono::steady_clock::now();
  int most = 0, cycles = 0;
  for (;;) {
    adapter::CycleReport r = engine.step();
    ++cycles;
    most = std::max(most, r.active);
    if (r.active == 0 && r.queued == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const adapter::SlurmCallCounts after = c.backend().call_counts();
  const int done = static_cast<int>(c.store().tasks({{adapter::TaskState::Done}}).size());
  auto per = [&](int n) { return done ? static_cast<double>(n) / done : 0.0; };
  const int load_jobs = after.load_jobs - before.load_jobs, unchanged = after.load_jobs_unchanged - before.load_jobs_unchanged;
  const int submits = after.submit - before.submit, nodes = after.load_nodes - before.load_nodes;
  const int other = (after.load_job - before.load_job) + (after.kill_job - before.kill_job) +
                    (after.load_partitions - before.load_partitions) + (after.will_run - before.will_run);
  const int total = load_jobs + submits + nodes + other;
  std::printf("sealadapter queue benchmark: %d AddPiece 2KiB tasks on the local Slurm cluster\n\n", tasks);
  std::printf("%-38s %10s %14s\n", "MEASURE", "VALUE", "PER TASK");
  std::printf("%-38s %10d\n", "tasks done", done);
  std::printf("%-38s %10.1f %14.3f\n", "wall seconds", wall, per(static_cast<int>(wall * 1000)) / 1000);
  std::printf("%-38s %10d\n", "engine cycles", cycles);
  std::printf("%-38s %10d\n", "jobs in flight at most", most);
  std::printf("%-38s %10d\n", "jobs the windows allow (cpu partition)", allowed);
  std::printf("%-38s %10d %14.3f\n", "slurm_submit_batch_job", submits, per(submits));
  std::printf("%-38s %10d %14.3f\n", "slurm_load_jobs", load_jobs, per(load_jobs));
  std::printf("%-38s %10d %14.3f\n", "  of which 'no change' (no records)", unchanged, per(unchanged));
  std::printf("%-38s %10d %14.3f\n", "slurm_load_node", nodes, per(nodes));
  std::printf("%-38s %10d %14.3f\n", "other calls", other, per(other));
  std::printf("%-38s %10d %14.3f\n", "slurmctld calls in all", total, per(total));
  bool ok = done == tasks && most <= allowed;
  if (most > allowed) std::printf("\nFAIL: %d jobs in flight, the windows allow %d\n", most, allowed);
  if (done != tasks) std::printf("\nFAIL: %d of %d tasks done\n", done, tasks);
  return ok ? 0 : 1;
}
