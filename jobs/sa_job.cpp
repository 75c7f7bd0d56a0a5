// sa-job: the job binary Slurm (or the local backend) starts: `sa-job <stage> --manifest FILE`.
#include "runtime/run_job.hpp"

int main(int argc, char** argv) { return sa::jobs::sa_job_main(argc, argv); }
