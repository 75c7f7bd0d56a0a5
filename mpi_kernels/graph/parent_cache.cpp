// ParentCache: open (check or rebuild, then map), in-memory generation, and ownership of the mapping
// (proofs.md §3.4; rust-fil-proofs storage-proofs-porep/src/stacked/vanilla/cache.rs).
#include "graph/parent_cache.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "base/error.hpp"
#include "graph/parent_cache_detail.hpp"

namespace sa::kernels {

namespace {

// Identity of the file version that was found bad, so a second look under the lock does not re-hash it.
struct FileIdentity {
  dev_t dev = 0;
  ino_t ino = 0;
  timespec mtime{};
  bool operator==(const FileIdentity& o) const {
    return dev == o.dev && ino == o.ino && mtime.tv_sec == o.mtime.tv_sec && mtime.tv_nsec == o.mtime.tv_nsec;
  }
};

enum class Found { Missing, WrongSize, Present };

Found stat_cache(const std::filesystem::path& path, std::uint64_t bytes, FileIdentity& id) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Found::Missing;
    throw Error(ErrorKind::Io, "parent cache: cannot stat " + path.string() + ": " + std::strerror(errno));
  }
  id = FileIdentity{st.st_dev, st.st_ino, st.st_mtim};
  return static_cast<std::uint64_t>(st.st_size) == bytes ? Found::Present : Found::WrongSize;
}

}  // namespace

ParentCache ParentCache::open(const std::filesystem::path& dir, const GraphSpec& spec,
                              const ParentCacheOptions& options) {
  if (options.threads < 1 || options.verify_sample_nodes < 1) {
    throw Error(ErrorKind::Usage, "parent cache: threads and verify_sample_nodes must be >= 1");
  }
  const ParentGenerator gen(spec);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Error(ErrorKind::Io, "parent cache: cannot create directory " + dir.string() + ": " + ec.message());

  ParentCache cache;
  cache.spec_ = spec;
  cache.path_ = dir / file_name(spec);
  const std::uint64_t bytes = parent_cache_bytes(spec.nodes);
  const std::optional<Sha256Digest> digest = published_digest(spec);

  // Maps the file when it is there, complete and (with verify) correct; remembers a bad version.
  std::optional<FileIdentity> bad;
  const auto try_existing = [&]() -> bool {
    FileIdentity id;
    const Found found = stat_cache(cache.path_, bytes, id);
    if (found == Found::Missing) return false;
    if (found == Found::WrongSize || (bad && *bad == id)) {
      bad = id;
      return false;
    }
    const detail::Mapping m = detail::map_read_only(cache.path_, static_cast<std::size_t>(bytes));
    bool good = true;
    try {
      good = !options.verify ||
             detail::parent_cache_matches(static_cast<const std::uint32_t*>(m.addr), gen, digest, options);
    } catch (...) {
      detail::unmap(m);
      throw;
    }
    if (!good) {
      detail::unmap(m);
      bad = id;
      return false;
    }
    cache.map_ = m.addr;
    cache.map_bytes_ = m.bytes;
    cache.data_ = static_cast<const std::uint32_t*>(m.addr);
    return true;
  };

  if (try_existing()) return cache;
  // Missing or bad: build under the lock, unless another process finished a good file meanwhile.
  const detail::FileLock lock(dir / (cache.path_.filename().string() + ".lock"));
  if (try_existing()) return cache;
  detail::build_parent_cache_file(cache.path_, gen, digest, options.threads);
  const detail::Mapping m = detail::map_read_only(cache.path_, static_cast<std::size_t>(bytes));
  cache.map_ = m.addr;
  cache.map_bytes_ = m.bytes;
  cache.data_ = static_cast<const std::uint32_t*>(m.addr);
  cache.rebuilt_ = true;
  return cache;
}

ParentCache ParentCache::in_memory(const GraphSpec& spec, int threads) {
  const ParentGenerator gen(spec);
  ParentCache cache;
  cache.spec_ = spec;
  cache.memory_.resize(static_cast<std::size_t>(spec.nodes * kParentsPerNode));
  generate_parents(gen, 0, spec.nodes, cache.memory_.data(), threads);
  cache.data_ = cache.memory_.data();
  return cache;
}

ParentCache::ParentCache(ParentCache&& other) noexcept { *this = std::move(other); }

ParentCache& ParentCache::operator=(ParentCache&& other) noexcept {
  if (this != &other) {
    release();
    spec_ = other.spec_;
    path_ = std::move(other.path_);
    memory_ = std::move(other.memory_);  // the buffer moves, so data_ stays valid
    data_ = std::exchange(other.data_, nullptr);
    map_ = std::exchange(other.map_, nullptr);
    map_bytes_ = std::exchange(other.map_bytes_, 0);
    rebuilt_ = other.rebuilt_;
  }
  return *this;
}

ParentCache::~ParentCache() { release(); }

void ParentCache::release() noexcept {
  detail::unmap(detail::Mapping{map_, map_bytes_});
  map_ = nullptr;
  map_bytes_ = 0;
  data_ = nullptr;
  memory_.clear();
}

}  // namespace sa::kernels
