// manifest -> stage -> result file + exit code. Catches everything: a job always ends with a result file
// (when the manifest named one) and an exit code that says ok, retryable or permanent.
#pragma once

namespace sa::jobs {

// sa-job's main: `sa-job <stage> --manifest FILE`, `sa-job --list`, `sa-job --version`.
int sa_job_main(int argc, char** argv);

}  // namespace sa::jobs
