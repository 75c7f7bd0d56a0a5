// MPI for the job binaries, behind a small interface: the only place (with staging/hdf5) that includes
// <mpi.h>. Initialises MPI (singleton start works when a job runs without a launcher), knows rank and world,
// and offers the few collectives stages need, on the world or on this rank alone (batch jobs).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sa::jobs {

class MpiSession {
 public:
  // The world: initialises MPI (and finalises it when destroyed).
  MpiSession(int* argc, char*** argv);
  ~MpiSession();
  // This rank alone, as a session of size 1: a batch rank runs its own task with stage code written for
  // any world, and its collectives never wait for the other tasks of the batch.
  std::unique_ptr<MpiSession> alone() const;
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }

  void barrier() const;
  std::uint64_t max_u64(std::uint64_t v) const;
  double sum_double(double v) const;
  // Every rank's bytes, in rank order, on rank 0 (empty elsewhere).
  std::vector<std::string> gather_to_root(const std::string& mine) const;
  // Rank 0's bytes on every rank.
  std::string broadcast_from_root(const std::string& root_value) const;
  // Ends every rank of the job now with `code` (used when one rank fails: the others may be blocked).
  [[noreturn]] void abort(int code) const;

 private:
  struct Comm;
  explicit MpiSession(std::shared_ptr<Comm> comm);

  std::shared_ptr<Comm> comm_;
  bool owns_mpi_ = false;
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace sa::jobs
