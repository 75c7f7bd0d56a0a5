// Open MPI calls, each checked.
#include "runtime/mpi_session.hpp"

#include <mpi.h>

#include "base/error.hpp"

namespace sa::jobs {

namespace {
void check(int rc, const char* call) {
  if (rc != MPI_SUCCESS) {
    char msg[MPI_MAX_ERROR_STRING];
    int len = 0;
    MPI_Error_string(rc, msg, &len);
    throw Error(ErrorKind::Internal, std::string(call) + ": " + std::string(msg, static_cast<std::size_t>(len)),
                Retry::Retryable);
  }
}
}  // namespace

struct MpiSession::Comm {
  MPI_Comm c = MPI_COMM_WORLD;
  ~Comm() {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (c != MPI_COMM_WORLD && c != MPI_COMM_NULL && !finalized) MPI_Comm_free(&c);
  }
};

MpiSession::MpiSession(int* argc, char*** argv) : comm_(std::make_shared<Comm>()), owns_mpi_(true) {
  int provided = 0;
  check(MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
  // Errors come back as codes so they become sa::Error instead of killing the job without a result.
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  check(MPI_Comm_rank(MPI_COMM_WORLD, &rank_), "MPI_Comm_rank");
  check(MPI_Comm_size(MPI_COMM_WORLD, &size_), "MPI_Comm_size");
}

MpiSession::MpiSession(std::shared_ptr<Comm> comm) : comm_(std::move(comm)) {
  check(MPI_Comm_rank(comm_->c, &rank_), "MPI_Comm_rank");
  check(MPI_Comm_size(comm_->c, &size_), "MPI_Comm_size");
}

std::unique_ptr<MpiSession> MpiSession::alone() const {
  auto comm = std::make_shared<Comm>();
  check(MPI_Comm_split(comm_->c, rank_, 0, &comm->c), "MPI_Comm_split");
  MPI_Comm_set_errhandler(comm->c, MPI_ERRORS_RETURN);
  return std::unique_ptr<MpiSession>(new MpiSession(std::move(comm)));
}

MpiSession::~MpiSession() {
  if (!owns_mpi_) return;
  comm_.reset();
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) MPI_Finalize();
}

void MpiSession::barrier() const { check(MPI_Barrier(comm_->c), "MPI_Barrier"); }

std::uint64_t MpiSession::max_u64(std::uint64_t v) const {
  unsigned long long in = v, out = 0;
  check(MPI_Allreduce(&in, &out, 1, MPI_UNSIGNED_LONG_LONG, MPI_MAX, comm_->c), "MPI_Allreduce");
  return out;
}

double MpiSession::sum_double(double v) const {
  double out = 0;
  check(MPI_Allreduce(&v, &out, 1, MPI_DOUBLE, MPI_SUM, comm_->c), "MPI_Allreduce");
  return out;
}

std::vector<std::string> MpiSession::gather_to_root(const std::string& mine) const {
  int len = static_cast<int>(mine.size());
  std::vector<int> lens(static_cast<std::size_t>(size_));
  check(MPI_Gather(&len, 1, MPI_INT, lens.data(), 1, MPI_INT, 0, comm_->c), "MPI_Gather");
  std::vector<int> displs(static_cast<std::size_t>(size_), 0);
  int total = 0;
  for (int r = 0; r < size_; ++r) {
    displs[static_cast<std::size_t>(r)] = total;
    total += lens[static_cast<std::size_t>(r)];
  }
  std::string all(rank_ == 0 ? static_cast<std::size_t>(total) : 0, '\0');
  check(MPI_Gatherv(mine.data(), len, MPI_CHAR, all.data(), lens.data(), displs.data(), MPI_CHAR, 0, comm_->c),
        "MPI_Gatherv");
  std::vector<std::string> out;
  if (rank_ == 0) {
    for (int r = 0; r < size_; ++r) {
      out.push_back(all.substr(static_cast<std::size_t>(displs[static_cast<std::size_t>(r)]),
                               static_cast<std::size_t>(lens[static_cast<std::size_t>(r)])));
    }
  }
  return out;
}

std::string MpiSession::broadcast_from_root(const std::string& root_value) const {
  unsigned long long len = root_value.size();
  check(MPI_Bcast(&len, 1, MPI_UNSIGNED_LONG_LONG, 0, comm_->c), "MPI_Bcast");
  std::string out = rank_ == 0 ? root_value : std::string(len, '\0');
  check(MPI_Bcast(out.data(), static_cast<int>(len), MPI_CHAR, 0, comm_->c), "MPI_Bcast");
  return out;
}

void MpiSession::abort(int code) const {
  MPI_Abort(MPI_COMM_WORLD, code);  // the whole job, whatever session asks
  std::_Exit(code);
}

}  // namespace sa::jobs
