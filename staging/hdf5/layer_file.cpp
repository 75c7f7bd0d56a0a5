// LayerFile: the raw .dat layers moved with POSIX I/O, described by an HDF5 index with external storage.
#include "hdf5/layer_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <mpi.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "hdf5/hdf5_check.hpp"
#include "layout/cache_files.hpp"
#include "publish/atomic_file.hpp"

namespace sa::staging {

using h5::check;
using h5::check_status;
using h5::Handle;

namespace {

constexpr std::uint64_t kNodeBytes = 32;

std::string dataset_name(int layer) { return "layer-" + std::to_string(layer); }

void quiet_hdf5() {
  static bool done = [] {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors become sa::Error, not stderr noise
    return true;
  }();
  (void)done;
}

int world_rank() {
  int initialized = 0, rank = 0;
  MPI_Initialized(&initialized);
  if (initialized) MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  return rank;
}

void barrier(bool parallel) {
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (parallel && initialized) MPI_Barrier(MPI_COMM_WORLD);
}

Error io_error(const std::string& what, const std::filesystem::path& p, int err = errno) {
  return Error(ErrorKind::Io, what + " " + p.string() + ": " + std::strerror(err), Retry::Retryable);
}

// The index: one dataset per layer, N × 32 bytes, stored in the layer's .dat file (relative to the index).
void write_index(const std::filesystem::path& path, std::uint64_t nodes, int layers) {
  Handle file(check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), "H5Fcreate", path.string()), H5Fclose);
  hsize_t dims[2] = {nodes, kNodeBytes};
  Handle space(check(H5Screate_simple(2, dims, nullptr), "H5Screate_simple", path.string()), H5Sclose);
  for (int l = 1; l <= layers; ++l) {
    Handle dcpl(check(H5Pcreate(H5P_DATASET_CREATE), "H5Pcreate", "dataset"), H5Pclose);
    check_status(H5Pset_external(dcpl.get(), layer_dat_name(l).c_str(), 0, static_cast<hsize_t>(nodes * kNodeBytes)),
                 "H5Pset_external", path.string());
    Handle ds(check(H5Dcreate2(file.get(), dataset_name(l).c_str(), H5T_NATIVE_UINT8, space.get(), H5P_DEFAULT, dcpl.get(),
                               H5P_DEFAULT),
                    "H5Dcreate2", path.string() + ":" + dataset_name(l)),
              H5Dclose);
  }
  check_status(H5Fflush(file.get(), H5F_SCOPE_GLOBAL), "H5Fflush", path.string());
}

}  // namespace

struct LayerFile::Impl {
  std::filesystem::path index;   // final name of the .h5 ("" for a Lotus cache without one)
  std::filesystem::path dir;
  bool parallel = false;
  bool writing = false;
  std::uint64_t nodes = 0;
  int layers = 0;
  std::vector<int> fds;

  ~Impl() {
    for (int fd : fds) {
      if (fd >= 0) ::close(fd);
    }
  }

  int fd(int layer, std::uint64_t first, std::uint64_t count) const {
    if (layer < 1 || layer > layers) {
      throw Error(ErrorKind::Usage, "layer " + std::to_string(layer) + " outside 1.." + std::to_string(layers));
    }
    if (first + count > nodes) throw Error(ErrorKind::Usage, "node range beyond the layer in " + dir.string());
    return fds[static_cast<std::size_t>(layer - 1)];
  }

  void open_files(int flags) {
    for (int l = 1; l <= layers; ++l) {
      const auto p = dir / layer_dat_name(l);
      int fd = ::open(p.c_str(), flags | O_CLOEXEC);
      if (fd < 0) {
        if (errno == ENOENT) throw Error(ErrorKind::Corrupt, "missing layer file " + p.string());
        throw io_error("cannot open", p);
      }
      fds.push_back(fd);
      if (flags == O_RDONLY) {
        struct stat st {};
        ::fstat(fd, &st);
        if (static_cast<std::uint64_t>(st.st_size) != nodes * kNodeBytes) {
          throw Error(ErrorKind::Corrupt, p.string() + " is " + std::to_string(st.st_size) + " bytes, not " +
                                              std::to_string(nodes * kNodeBytes) + " (" + std::to_string(nodes) + " labels)");
        }
      }
    }
  }
};

LayerFile::LayerFile(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LayerFile::~LayerFile() = default;
LayerFile::LayerFile(LayerFile&&) noexcept = default;
LayerFile& LayerFile::operator=(LayerFile&&) noexcept = default;

LayerFile LayerFile::create(const std::filesystem::path& index, std::uint64_t nodes, int layers, bool parallel) {
  quiet_hdf5();
  auto impl = std::make_unique<Impl>();
  impl->index = index;
  impl->dir = index.parent_path();
  impl->parallel = parallel;
  impl->writing = true;
  impl->nodes = nodes;
  impl->layers = layers;
  if (!parallel || world_rank() == 0) {
    std::error_code ec;
    std::filesystem::remove(index, ec);  // the old index (if any) no longer describes what is written now
    for (int l = 1; l <= layers; ++l) {
      const auto p = impl->dir / layer_dat_name(l);
      int fd = ::open(p.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      if (fd < 0) throw io_error("cannot create", p);
      // Allocated as a hole: every node is written by exactly one rank.
      if (::ftruncate(fd, static_cast<off_t>(nodes * kNodeBytes)) != 0) {
        int err = errno;
        ::close(fd);
        throw io_error("cannot size", p, err);
      }
      ::close(fd);
    }
    write_index(index.string() + ".partial", nodes, layers);
  }
  barrier(parallel);
  impl->open_files(O_RDWR);
  return LayerFile(std::move(impl));
}

LayerFile LayerFile::open(const std::filesystem::path& index, bool parallel) {
  quiet_hdf5();
  if (!std::filesystem::exists(index)) throw Error(ErrorKind::Corrupt, "missing layer index " + index.string());
  auto impl = std::make_unique<Impl>();
  impl->index = index;
  impl->dir = index.parent_path();
  impl->parallel = parallel;
  Handle file(check(H5Fopen(index.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "H5Fopen", index.string()), H5Fclose);
  for (int l = 1;; ++l) {
    if (H5Lexists(file.get(), dataset_name(l).c_str(), H5P_DEFAULT) <= 0) break;
    Handle ds(check(H5Dopen2(file.get(), dataset_name(l).c_str(), H5P_DEFAULT), "H5Dopen2", index.string()), H5Dclose);
    Handle dcpl(check(H5Dget_create_plist(ds.get()), "H5Dget_create_plist", index.string()), H5Pclose);
    char name[256] = {};
    off_t offset = 0;
    hsize_t size = 0;
    if (H5Pget_external_count(dcpl.get()) != 1 ||
        H5Pget_external(dcpl.get(), 0, sizeof name, name, &offset, &size) < 0 || layer_dat_name(l) != name || offset != 0) {
      throw Error(ErrorKind::Corrupt, index.string() + ": " + dataset_name(l) + " is not stored in " + layer_dat_name(l));
    }
    Handle space(check(H5Dget_space(ds.get()), "H5Dget_space", index.string()), H5Sclose);
    hsize_t dims[2] = {0, 0};
    H5Sget_simple_extent_dims(space.get(), dims, nullptr);
    if (dims[1] != kNodeBytes) throw Error(ErrorKind::Corrupt, index.string() + ": layers are not 32-byte nodes");
    if (l > 1 && dims[0] != impl->nodes) throw Error(ErrorKind::Corrupt, index.string() + ": layers of different sizes");
    impl->nodes = dims[0];
    impl->layers = l;
  }
  if (impl->layers == 0) throw Error(ErrorKind::Corrupt, index.string() + " holds no layers");
  impl->open_files(O_RDONLY);
  return LayerFile(std::move(impl));
}

LayerFile LayerFile::open_lotus(const std::filesystem::path& dir, std::uint64_t nodes, int layers) {
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->nodes = nodes;
  impl->layers = layers;
  impl->open_files(O_RDONLY);
  return LayerFile(std::move(impl));
}

std::uint64_t LayerFile::nodes() const { return impl_->nodes; }
int LayerFile::layers() const { return impl_->layers; }

void LayerFile::write(int layer, std::uint64_t first, std::uint64_t count, const std::uint8_t* data) {
  if (!impl_->writing) throw Error(ErrorKind::Usage, impl_->dir.string() + ": the layers are open read-only");
  const int fd = impl_->fd(layer, first, count);
  std::uint64_t done = 0, total = count * kNodeBytes;
  while (done < total) {
    ssize_t n = ::pwrite(fd, data + done, total - done, static_cast<off_t>(first * kNodeBytes + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw io_error("cannot write", impl_->dir / layer_dat_name(layer));
    done += static_cast<std::uint64_t>(n);
  }
}

void LayerFile::read(int layer, std::uint64_t first, std::uint64_t count, std::uint8_t* out) const {
  const int fd = impl_->fd(layer, first, count);
  std::uint64_t done = 0, total = count * kNodeBytes;
  while (done < total) {
    ssize_t n = ::pread(fd, out + done, total - done, static_cast<off_t>(first * kNodeBytes + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw io_error("cannot read", impl_->dir / layer_dat_name(layer));
    if (n == 0) throw Error(ErrorKind::Corrupt, (impl_->dir / layer_dat_name(layer)).string() + " ends early");
    done += static_cast<std::uint64_t>(n);
  }
}

void LayerFile::publish() {
  if (!impl_->writing) return;
  for (int l = 1; l <= impl_->layers; ++l) {
    if (::fsync(impl_->fds[static_cast<std::size_t>(l - 1)]) != 0) throw io_error("cannot sync", impl_->dir / layer_dat_name(l));
  }
  barrier(impl_->parallel);
  if (!impl_->parallel || world_rank() == 0) {
    std::error_code ec;
    std::filesystem::rename(impl_->index.string() + ".partial", impl_->index, ec);
    if (ec) throw Error(ErrorKind::Io, "rename " + impl_->index.string() + ".partial: " + ec.message(), Retry::Retryable);
    fsync_dir(impl_->dir);
  }
  barrier(impl_->parallel);
  impl_->writing = false;
}

}  // namespace sa::staging
