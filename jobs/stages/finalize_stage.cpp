// Finalize (FIN): leave the cache as Lotus does after sealing (rust-fil-proofs clear_cache_dir): keep
// tree-r-last*, p_aux and t_aux, delete the layers, tree-d and tree-c*; the sealed file stays. The PC1
// checksum manifest goes with its files and the PC2 one is rewritten to list only what remains.
// Inputs: {}. Idempotent: finalizing twice is harmless.
#include "base/error.hpp"
#include "layout/cache_files.hpp"
#include "stages/stage.hpp"
#include "stages/sector_context.hpp"

namespace sa::jobs {

nlohmann::json run_finalize(StageContext& ctx) {
  SectorContext s(ctx.manifest);
  if (ctx.mpi.rank() != 0) return nlohmann::json::object();
  if (!std::filesystem::is_directory(s.cache)) throw Error(ErrorKind::Usage, "no cache directory " + s.cache.string());
  if (!std::filesystem::exists(s.layout.sealed(s.id))) {
    throw Error(ErrorKind::Usage, "sector " + s.name + " is not sealed (no " + s.layout.sealed(s.id).string() + ")");
  }
  nlohmann::json kept = nlohmann::json::array(), removed = nlohmann::json::array();
  std::uint64_t freed = 0;
  for (const auto& e : std::filesystem::directory_iterator(s.cache)) {
    std::string name = e.path().filename().string();
    if (staging::kept_by_finalize(name)) {
      kept.push_back(name);
      continue;
    }
    std::error_code ec;
    freed += e.is_regular_file() ? e.file_size() : 0;
    std::filesystem::remove_all(e.path(), ec);
    if (ec) throw Error(ErrorKind::Io, "remove " + e.path().string() + ": " + ec.message(), Retry::Retryable);
    removed.push_back(name);
  }
  std::filesystem::remove(staging::manifest_path(s.layout.root(), s.manifest_key("pc1")));
  if (std::filesystem::exists(staging::manifest_path(s.layout.root(), s.manifest_key("pc2")))) {
    staging::ChecksumManifest pc2 = s.read_manifest("pc2"), left;
    for (const auto& e : pc2.entries) {
      if (std::filesystem::exists(s.layout.root() / e.name)) left.add(e);
    }
    s.write_manifest("pc2", left);
  }
  std::sort(kept.begin(), kept.end());
  std::sort(removed.begin(), removed.end());
  return {{"kept", kept}, {"removed", removed}, {"freed_bytes", freed}, {"sealed", s.layout.sealed(s.id).string()}};
}

}  // namespace sa::jobs
