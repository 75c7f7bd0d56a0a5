// Parallel HDF5 across MPI ranks: each rank writes its own slice of every layer into one file, every rank
// reads slices written by the others. Run under mpirun -n 2 (tests/mpi/CMakeLists.txt); exit 0 = pass.
#include <mpi.h>

#include <cstdio>
#include <filesystem>
#include <vector>

#include "hdf5/layer_file.hpp"

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  if (argc < 2) {
    std::fprintf(stderr, "usage: test_layer_file_mpi DIR\n");
    MPI_Abort(MPI_COMM_WORLD, 2);
  }
  std::filesystem::path path = std::filesystem::path(argv[1]) / "layers-mpi.h5";
  const std::uint64_t n = 4096;
  auto value = [](int layer, std::uint64_t node, int b) { return static_cast<std::uint8_t>(node * 31 + static_cast<std::uint64_t>(b) + static_cast<std::uint64_t>(layer) * 101); };
  int failures = 0;
  try {
    std::uint64_t per = n / static_cast<std::uint64_t>(size), first = per * static_cast<std::uint64_t>(rank);
    std::uint64_t count = rank == size - 1 ? n - first : per;
    {
      auto f = sa::staging::LayerFile::create(path, n, 3, true);
      for (int l = 1; l <= 3; ++l) {
        std::vector<std::uint8_t> buf(count * 32);
        for (std::uint64_t i = 0; i < count; ++i) {
          for (int b = 0; b < 32; ++b) buf[i * 32 + static_cast<std::uint64_t>(b)] = value(l, first + i, b);
        }
        f.write(l, first, count, buf.data());
      }
      f.publish();
    }
    auto r = sa::staging::LayerFile::open(path, true);
    // Read the slice the *next* rank wrote.
    int other = (rank + 1) % size;
    std::uint64_t ofirst = per * static_cast<std::uint64_t>(other), ocount = other == size - 1 ? n - ofirst : per;
    for (int l = 1; l <= 3; ++l) {
      std::vector<std::uint8_t> buf(ocount * 32);
      r.read(l, ofirst, ocount, buf.data());
      for (std::uint64_t i = 0; i < ocount; ++i) {
        for (int b = 0; b < 32; ++b) failures += buf[i * 32 + static_cast<std::uint64_t>(b)] != value(l, ofirst + i, b);
      }
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rank %d: %s\n", rank, e.what());
    failures = 1;
  }
  int total = 0;
  MPI_Allreduce(&failures, &total, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  if (rank == 0) std::printf("%s: %d ranks, %d bad bytes\n", total ? "FAIL" : "PASS", size, total);
  MPI_Finalize();
  return total ? 1 : 0;
}
