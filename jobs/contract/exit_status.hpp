// The job binary's exit code: the one number Slurm records that the adapter can trust even when the result
// file is missing. Values follow sysexits.h so they read sensibly in `sacct` (docs/01-job-contract.md).
#pragma once

namespace sa::jobs {

enum class JobExit : int {
  Ok = 0,          // outputs published, result file says "ok"
  Usage = 64,      // EX_USAGE: wrong command line or manifest; never retried
  Permanent = 65,  // EX_DATAERR: the stage failed and trying again will not help
  Retryable = 75,  // EX_TEMPFAIL: transient (I/O, disk full, node trouble); the adapter retries
};

constexpr int exit_code(JobExit e) { return static_cast<int>(e); }

}  // namespace sa::jobs
