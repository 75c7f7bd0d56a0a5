// The line of a job script that starts the job binary, per launcher (site/README.md "launcher").
#pragma once

#include <filesystem>
#include <string>

#include "mapping/job_request.hpp"

namespace sa::adapter {

// srun:   exec srun --mpi=pmix --ntasks=N --cpus-per-task=C BIN STAGE --manifest FILE
// mpirun: exec mpirun -n N --map-by node --bind-to none BIN STAGE --manifest FILE
// direct: exec BIN STAGE --manifest FILE
// BIN, STAGE and FILE are shell-quoted. `exec` makes the launcher the batch shell's process, so the
// --signal=B:USR1 warning reaches it (srun and mpirun forward USR1 to the ranks).
std::string launch_command(const JobRequest& request, const std::filesystem::path& job_binary,
                           const std::string& stage, const std::filesystem::path& manifest);

}  // namespace sa::adapter
