// A two-line MPI program for the launcher test: every rank prints its rank, the world size, the Slurm node
// it runs on and the sum of all ranks (an Allreduce, so the ranks really talked to each other).
#include <mpi.h>

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0, size = 0, sum = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Allreduce(&rank, &sum, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  const char* node = std::getenv("SLURMD_NODENAME");
  std::printf("rank %d of %d on %s sum %d\n", rank, size, node ? node : "?", sum);
  MPI_Finalize();
  return 0;
}
