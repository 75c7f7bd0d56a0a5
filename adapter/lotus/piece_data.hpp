// Deal data for AddPiece, as Lotus's ReaderStream sends it (lotus.md §5.6): "http" (Info is a URL to
// download) and "push" (Info is a UUID; the miner POSTs the bytes to /rpc/streams/v0/push/<uuid> on our
// listener). Either way the bytes are staged as a file under <storage>/piece/ on the shared filesystem, so
// the AddPiece job reads them on whatever node it runs, as `sealadapter submit --data` does.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>

#include "service/rpc_server.hpp"

namespace sa::adapter::lotus {

// Why data could not be staged, with the storiface code the miner acts on (0 permanent, 100 temporary).
struct DataFailure {
  int code = 0;
  std::string message;
};

class PieceData {
 public:
  explicit PieceData(std::filesystem::path storage_dir);

  static bool is_uuid(const std::string& s);
  // <storage>/piece/push-<uuid>: a pushed stream's body, complete once it exists.
  std::filesystem::path push_path(const std::string& uuid) const;
  // The upload route's handler: stores the body durably (temporary name, fsync, rename).
  std::pair<int, std::string> receive_push(const std::string& uuid, const BodyReader& body) const;
  // Removes pushed streams older than `max_age_seconds` that no call claimed (the miner gave up on them),
  // and temporary files of interrupted pushes or downloads; returns how many went.
  int drop_unclaimed(double max_age_seconds) const;
  // Downloads `url` to `dest` (published whole) if it has exactly `size` bytes.
  std::optional<DataFailure> download(const std::string& url, std::uint64_t size, const std::filesystem::path& dest) const;

 private:
  std::filesystem::path dir_;
};

}  // namespace sa::adapter::lotus
