// LayerFile on the HDF5 C API (parallel build: MPI-IO driver when asked).
#include "hdf5/layer_file.hpp"

#include <mpi.h>

#include <string>
#include <vector>

#include "hdf5/hdf5_check.hpp"
#include "publish/atomic_file.hpp"

namespace sa::staging {

using h5::check;
using h5::check_status;
using h5::Handle;

namespace {

constexpr hsize_t kNodeBytes = 32;

std::string dataset_name(int layer) { return "layer-" + std::to_string(layer); }

Handle file_access(bool parallel) {
  Handle fapl(check(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate", "file access"), H5Pclose);
  if (parallel) check_status(H5Pset_fapl_mpio(fapl.get(), MPI_COMM_WORLD, MPI_INFO_NULL), "H5Pset_fapl_mpio", "layers");
  return fapl;
}

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

}  // namespace

struct LayerFile::Impl {
  std::filesystem::path final_path;
  std::filesystem::path open_path;
  bool parallel = false;
  bool writing = false;
  std::uint64_t nodes = 0;
  int layers = 0;
  Handle file;
  std::vector<Handle> datasets;

  hid_t dataset(int layer) const {
    if (layer < 1 || layer > layers) {
      throw Error(ErrorKind::Usage, "layer " + std::to_string(layer) + " outside 1.." + std::to_string(layers));
    }
    return datasets[static_cast<std::size_t>(layer - 1)].get();
  }

  void select(hid_t space, std::uint64_t first, std::uint64_t count) const {
    if (first + count > nodes) throw Error(ErrorKind::Usage, "node range beyond the layer in " + final_path.string());
    hsize_t start[2] = {first, 0}, cnt[2] = {count, kNodeBytes};
    check_status(H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nullptr, cnt, nullptr), "H5Sselect_hyperslab",
                 final_path.string());
  }
};

LayerFile::LayerFile(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LayerFile::~LayerFile() = default;
LayerFile::LayerFile(LayerFile&&) noexcept = default;
LayerFile& LayerFile::operator=(LayerFile&&) noexcept = default;

LayerFile LayerFile::create(const std::filesystem::path& path, std::uint64_t nodes, int layers, bool parallel) {
  quiet_hdf5();
  auto impl = std::make_unique<Impl>();
  impl->final_path = path;
  impl->open_path = path.string() + ".partial";
  impl->parallel = parallel;
  impl->writing = true;
  impl->nodes = nodes;
  impl->layers = layers;
  Handle fapl = file_access(parallel);
  impl->file = Handle(check(H5Fcreate(impl->open_path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get()), "H5Fcreate",
                            impl->open_path.string()),
                      H5Fclose);
  hsize_t dims[2] = {nodes, kNodeBytes};
  Handle space(check(H5Screate_simple(2, dims, nullptr), "H5Screate_simple", path.string()), H5Sclose);
  Handle dcpl(check(H5Pcreate(H5P_DATASET_CREATE), "H5Pcreate", "dataset"), H5Pclose);
  // Space is allocated now and never pre-filled: every node is written by exactly one rank.
  check_status(H5Pset_alloc_time(dcpl.get(), H5D_ALLOC_TIME_EARLY), "H5Pset_alloc_time", path.string());
  check_status(H5Pset_fill_time(dcpl.get(), H5D_FILL_TIME_NEVER), "H5Pset_fill_time", path.string());
  for (int l = 1; l <= layers; ++l) {
    impl->datasets.emplace_back(check(H5Dcreate2(impl->file.get(), dataset_name(l).c_str(), H5T_NATIVE_UINT8, space.get(),
                                                 H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                                      "H5Dcreate2", path.string() + ":" + dataset_name(l)),
                                H5Dclose);
  }
  return LayerFile(std::move(impl));
}

LayerFile LayerFile::open(const std::filesystem::path& path, bool parallel) {
  quiet_hdf5();
  if (!std::filesystem::exists(path)) throw Error(ErrorKind::Corrupt, "missing layer file " + path.string());
  auto impl = std::make_unique<Impl>();
  impl->final_path = impl->open_path = path;
  impl->parallel = parallel;
  Handle fapl = file_access(parallel);
  impl->file = Handle(check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get()), "H5Fopen", path.string()), H5Fclose);
  for (int l = 1;; ++l) {
    if (H5Lexists(impl->file.get(), dataset_name(l).c_str(), H5P_DEFAULT) <= 0) break;
    impl->datasets.emplace_back(
        check(H5Dopen2(impl->file.get(), dataset_name(l).c_str(), H5P_DEFAULT), "H5Dopen2", path.string()), H5Dclose);
    impl->layers = l;
  }
  if (impl->layers == 0) throw Error(ErrorKind::Corrupt, path.string() + " holds no layers");
  Handle space(check(H5Dget_space(impl->datasets[0].get()), "H5Dget_space", path.string()), H5Sclose);
  hsize_t dims[2] = {0, 0};
  H5Sget_simple_extent_dims(space.get(), dims, nullptr);
  if (dims[1] != kNodeBytes) throw Error(ErrorKind::Corrupt, path.string() + ": layers are not 32-byte nodes");
  impl->nodes = dims[0];
  return LayerFile(std::move(impl));
}

std::uint64_t LayerFile::nodes() const { return impl_->nodes; }
int LayerFile::layers() const { return impl_->layers; }

void LayerFile::write(int layer, std::uint64_t first, std::uint64_t count, const std::uint8_t* data) {
  if (!impl_->writing) throw Error(ErrorKind::Usage, impl_->final_path.string() + " is open read-only");
  hid_t ds = impl_->dataset(layer);
  Handle space(check(H5Dget_space(ds), "H5Dget_space", impl_->final_path.string()), H5Sclose);
  impl_->select(space.get(), first, count);
  hsize_t mdims[2] = {count, kNodeBytes};
  Handle mem(check(H5Screate_simple(2, mdims, nullptr), "H5Screate_simple", "memory"), H5Sclose);
  check_status(H5Dwrite(ds, H5T_NATIVE_UINT8, mem.get(), space.get(), H5P_DEFAULT, data), "H5Dwrite",
               impl_->final_path.string() + ":" + dataset_name(layer));
}

void LayerFile::read(int layer, std::uint64_t first, std::uint64_t count, std::uint8_t* out) const {
  hid_t ds = impl_->dataset(layer);
  Handle space(check(H5Dget_space(ds), "H5Dget_space", impl_->final_path.string()), H5Sclose);
  impl_->select(space.get(), first, count);
  hsize_t mdims[2] = {count, kNodeBytes};
  Handle mem(check(H5Screate_simple(2, mdims, nullptr), "H5Screate_simple", "memory"), H5Sclose);
  check_status(H5Dread(ds, H5T_NATIVE_UINT8, mem.get(), space.get(), H5P_DEFAULT, out), "H5Dread",
               impl_->final_path.string() + ":" + dataset_name(layer));
}

void LayerFile::publish() {
  if (!impl_->writing) return;
  impl_->datasets.clear();
  check_status(H5Fflush(impl_->file.get(), H5F_SCOPE_GLOBAL), "H5Fflush", impl_->open_path.string());
  impl_->file.reset();
  if (impl_->parallel) MPI_Barrier(MPI_COMM_WORLD);
  if (!impl_->parallel || world_rank() == 0) {
    std::error_code ec;
    std::filesystem::rename(impl_->open_path, impl_->final_path, ec);
    if (ec) throw Error(ErrorKind::Io, "rename " + impl_->open_path.string() + ": " + ec.message(), Retry::Retryable);
    fsync_dir(impl_->final_path.parent_path());
  }
  if (impl_->parallel) MPI_Barrier(MPI_COMM_WORLD);
  impl_->writing = false;
}

}  // namespace sa::staging
