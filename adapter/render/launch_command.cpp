// Launch lines per launcher (launch_command.hpp). srun needs --mpi=pmix: Debian's Open MPI has no
// Slurm PMI-1/2 (slurm-local.md §5); --cpus-per-task is repeated because srun 22.05 no longer inherits it
// from the batch allocation. mpirun binds nothing: sa-job pins its threads itself (hwloc, L3 groups).
#include "render/launch_command.hpp"

#include "render/shell_quote.hpp"

namespace sa::adapter {

std::string launch_command(const JobRequest& r, const std::filesystem::path& job_binary, const std::string& stage,
                           const std::filesystem::path& manifest) {
  const std::string program =
      shell_quote(job_binary.string()) + " " + shell_quote(stage) + " --manifest " + shell_quote(manifest.string());
  switch (r.launcher) {
    case Launcher::Srun:
      return "exec srun --mpi=pmix --ntasks=" + std::to_string(r.ntasks) +
             " --cpus-per-task=" + std::to_string(r.cpus_per_task) + " " + program;
    case Launcher::Mpirun:
      return "exec mpirun -n " + std::to_string(r.ntasks) + " --map-by node --bind-to none " + program;
    case Launcher::Direct:
      return "exec " + program;
  }
  return "exec " + program;
}

}  // namespace sa::adapter
