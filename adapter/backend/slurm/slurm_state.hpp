// Slurm's view of a job turned into the backend's JobStatus, and how a Slurm ending should be followed up
// (docs/05-failure-classes.md, "Slurm states"): the Slurm state decides, not the exit code, because an
// OUT_OF_MEMORY job may exit 0 and a TIMEOUT shows up as signal 15. Pure functions.
#pragma once

#include "backend/ending.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "backend/backend.hpp"
#include "backend/slurm/slurm_api.hpp"

namespace sa::adapter {

// "PENDING", "RUNNING", "COMPLETED", "OUT_OF_MEMORY", ... as squeue and sacct print them.
std::string_view slurm_state_name(SlurmJobState s);
// The inverse, for the jobcomp file; Unknown for anything else.
SlurmJobState slurm_state_from_name(std::string_view name);
bool is_terminal(SlurmJobState s);

// The signal Slurm records in a step's exit status when the step was killed for running out of memory
// (slurmstepd's SIG_OOM, 253, as a wait status: 253 & 0x7f). `exec srun` makes the *step* OOM while the
// batch script only sees srun fail, so the job says FAILED and its derived exit code says "0:125".
inline constexpr int kStepOomSignal = 125;

// batch_state of a job Slurm put back in the queue (restart_cnt > 0, or on its way there).
inline constexpr std::string_view kRequeuedState = "REQUEUED";

// Pending (+ reason), Running (+ node list; also CONFIGURING, COMPLETING, SUSPENDED), Ended with the Slurm
// state name, exit code or signal. A requeued job is Pending with batch_state "REQUEUED" and a reason
// naming the restart, never Ended, so its one job id is one attempt. `cancelled` is left false.
JobStatus status_from_record(const SlurmJobRecord& r);

// A wait status as Slurm stores it ("ExitCode=1:0" is 256, "0:15" is 15) into exit_code or signal.
void set_exit_status(JobStatus& st, std::uint32_t wait_status);

inline constexpr double kOomMemoryFactor = 1.5;
inline constexpr double kTimeoutTimeFactor = 2.0;

FailureDecision classify_slurm_ending(const JobStatus& status);

// "n[1-2],g1" -> {"n[1-2]", "g1"}: the comma-separated items of a node list (brackets kept; sbatch's
// --exclude accepts them as they are).
std::vector<std::string> split_node_list(std::string_view list);

}  // namespace sa::adapter
