// PC2's outputs on disk.
#include "stages/pc2_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/error.hpp"
#include "layout/cache_files.hpp"
#include "publish/atomic_file.hpp"
#include "publish/checksum_manifest.hpp"
#include "tree/compound_tree.hpp"
#include "tree/comm_r.hpp"
#include "tree/tree_files.hpp"

namespace sa::jobs {

namespace k = sa::kernels;

namespace {

std::uint64_t tree_nodes(std::uint64_t leaves, int arity) {
  std::uint64_t total = 0;
  for (std::uint64_t n = leaves; n >= 1; n /= static_cast<std::uint64_t>(arity)) {
    total += n;
    if (n == 1) break;
  }
  return total;
}

Error io(const std::string& what, const std::filesystem::path& p) {
  return Error(ErrorKind::Io, what + " " + p.string() + ": " + std::strerror(errno), Retry::Retryable);
}

class Bincode {
 public:
  void u64(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>(v >> (8 * i)));
  }
  void str(const std::string& s) {
    u64(s.size());
    out_ += s;
  }
  void store_config(const std::filesystem::path& dir, const std::string& id, std::uint64_t size, std::uint64_t rows) {
    str(dir.string());
    str(id);
    out_.push_back(1);  // Option::Some
    u64(size);
    u64(rows);
  }
  const std::string& bytes() const { return out_; }

 private:
  std::string out_;
};

}  // namespace

std::string t_aux_bytes(const SectorContext& s, const k::TreeShape& shape, std::uint64_t rows_to_discard) {
  Bincode b;
  b.u64(static_cast<std::uint64_t>(s.layers));
  for (int l = 1; l <= s.layers; ++l) b.store_config(s.cache, "layer-" + std::to_string(l), s.nodes, 0);
  b.store_config(s.cache, "tree-d", 2 * s.nodes - 1, 0);
  std::uint64_t base_len = tree_nodes(shape.leaves_per_base, 8);
  b.store_config(s.cache, "tree-r-last", base_len, rows_to_discard);
  b.store_config(s.cache, "tree-c", base_len, 0);
  return b.bytes();
}

Pc2Files::Pc2Files(const SectorContext& s, const k::TreeShape& shape, std::uint32_t configured_rows_to_discard)
    : s_(s),
      shape_(shape),
      rows_to_discard_(k::default_rows_to_discard(shape.leaves_per_base, 8, configured_rows_to_discard)),
      sealed_partial_(s.layout.sealed(s.id).string() + ".partial") {}

Pc2Files::~Pc2Files() {
  if (sealed_fd_ >= 0) ::close(sealed_fd_);
}

std::uint64_t Pc2Files::tree_bytes() const {
  std::uint64_t per = k::tree_c_file_bytes(shape_.leaves_per_base) +
                      k::tree_r_last_file_bytes(shape_.leaves_per_base, rows_to_discard_);
  return per * static_cast<std::uint64_t>(shape_.base_trees);
}

void Pc2Files::create_sealed() {
  std::filesystem::create_directories(sealed_partial_.parent_path());
  int fd = ::open(sealed_partial_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw io("create", sealed_partial_);
  if (::ftruncate(fd, static_cast<off_t>(s_.sector_bytes)) != 0) {
    ::close(fd);
    throw io("size", sealed_partial_);
  }
  ::close(fd);
}

void Pc2Files::open_sealed() {
  sealed_fd_ = ::open(sealed_partial_.c_str(), O_WRONLY | O_CLOEXEC);
  if (sealed_fd_ < 0) throw io("open", sealed_partial_);
}

void Pc2Files::write_sealed(std::uint64_t offset, const std::uint8_t* data, std::size_t n) {
  while (n > 0) {
    ssize_t w = ::pwrite(sealed_fd_, data, n, static_cast<off_t>(offset));
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) throw io("write", sealed_partial_);
    data += w;
    n -= static_cast<std::size_t>(w);
    offset += static_cast<std::uint64_t>(w);
  }
}

void Pc2Files::sync_sealed() {
  if (sealed_fd_ >= 0 && ::fsync(sealed_fd_) != 0) throw io("fsync", sealed_partial_);
}

staging::MappedFile Pc2Files::tree_c_buffer(int j) const {
  auto path = s_.cache / (staging::tree_c_name(j, shape_.base_trees) + ".partial");
  return staging::MappedFile::read_write(path, k::tree_c_file_bytes(shape_.leaves_per_base));
}

k::Commitment Pc2Files::write_tree_c(int j, staging::MappedFile& file) {
  // The leaves (column hashes) are already at the start of the file: tree-c keeps every row.
  k::Commitment root = compute_->tree_c_file(file.data(), shape_.leaves_per_base);
  file.sync();
  auto name = staging::tree_c_name(j, shape_.base_trees);
  std::filesystem::rename(s_.cache / (name + ".partial"), s_.cache / name);
  return root;
}

k::Commitment Pc2Files::write_tree_r_last(int j, const std::uint8_t* replica) {
  // Level cache: the leaves (the sealed file itself) and the next rows_to_discard rows are left out.
  std::vector<std::uint8_t> file(k::tree_r_last_file_bytes(shape_.leaves_per_base, rows_to_discard_));
  k::Commitment root = compute_->tree_r_last_file(replica, shape_.leaves_per_base, rows_to_discard_, file.data());
  staging::write_file_atomic(s_.cache / staging::tree_r_last_name(j, shape_.base_trees),
                             std::string_view(reinterpret_cast<const char*>(file.data()), file.size()));
  return root;
}

Pc2Roots Pc2Files::finish(const std::vector<k::Commitment>& roots_c, const std::vector<k::Commitment>& roots_r) {
  Pc2Roots r;
  r.comm_c = k::compound_root(roots_c, shape_);
  r.comm_r_last = k::compound_root(roots_r, shape_);
  r.comm_r = k::comm_r(r.comm_c, r.comm_r_last);
  std::string p_aux(reinterpret_cast<const char*>(r.comm_c.data()), 32);
  p_aux.append(reinterpret_cast<const char*>(r.comm_r_last.data()), 32);
  staging::write_file_atomic(s_.cache / staging::p_aux_name(), p_aux);
  staging::write_file_atomic(s_.cache / staging::t_aux_name(), t_aux_bytes(s_, shape_, rows_to_discard_));
  sync_sealed();
  std::filesystem::rename(sealed_partial_, s_.layout.sealed(s_.id));
  staging::fsync_dir(sealed_partial_.parent_path());

  staging::ChecksumManifest m;
  const auto& root = s_.layout.root();
  m.add_file(root, s_.sealed_entry());
  for (int j = 0; j < shape_.base_trees; ++j) {
    m.add_file(root, s_.cache_entry(staging::tree_c_name(j, shape_.base_trees)));
    m.add_file(root, s_.cache_entry(staging::tree_r_last_name(j, shape_.base_trees)));
  }
  m.add_file(root, s_.cache_entry(staging::p_aux_name()));
  m.add_file(root, s_.cache_entry(staging::t_aux_name()));
  s_.write_manifest("pc2", m);
  return r;
}

}  // namespace sa::jobs
