// Staging deal data: pushed bodies and HTTP downloads, each published whole or not at all.
#include "lotus/piece_data.hpp"

#include <httplib.h>

#include <chrono>
#include <regex>

#include "base/error.hpp"
#include "publish/atomic_file.hpp"

namespace sa::adapter::lotus {

namespace {

constexpr int kConnectTimeoutSeconds = 10;
constexpr int kReadTimeoutSeconds = 60;

}  // namespace

PieceData::PieceData(std::filesystem::path storage_dir) : dir_(std::move(storage_dir) / "piece") {}

bool PieceData::is_uuid(const std::string& s) {
  static const std::regex re("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  return std::regex_match(s, re);
}

std::filesystem::path PieceData::push_path(const std::string& uuid) const { return dir_ / ("push-" + uuid); }

std::pair<int, std::string> PieceData::receive_push(const std::string& uuid, const BodyReader& body) const {
  if (!is_uuid(uuid)) return {400, "push stream id " + uuid + " is not a UUID"};
  try {
    std::filesystem::create_directories(dir_);
    staging::AtomicFile out(push_path(uuid));
    std::uint64_t n = 0;
    bool complete = body([&](const char* data, std::size_t len) {
      out.append(data, len);
      n += len;
      return true;
    });
    if (!complete) return {400, "push stream " + uuid + ": the body was cut short; nothing kept"};
    out.publish();
    return {200, "stored " + std::to_string(n) + " bytes for stream " + uuid};
  } catch (const std::exception& e) {
    return {507, std::string("push stream ") + uuid + ": " + e.what()};
  }
}

int PieceData::drop_unclaimed(double max_age_seconds) const {
  std::error_code ec;
  const auto now = std::filesystem::file_time_type::clock::now();
  int dropped = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir_, ec)) {
    const std::string name = e.path().filename().string();
    // Staged piece files are left alone: their AP task may wait in the queue for hours.
    const bool temporary = name.front() == '.' && name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0;
    if (name.rfind("push-", 0) != 0 && !temporary) continue;
    auto age = std::chrono::duration<double>(now - e.last_write_time(ec)).count();  // a live transfer keeps writing
    if (!ec && age > max_age_seconds && std::filesystem::remove(e.path(), ec)) ++dropped;
  }
  return dropped;
}

std::optional<DataFailure> PieceData::download(const std::string& url, std::uint64_t size, const std::filesystem::path& dest) const {
  static const std::regex re(R"(^(http://[^/?#]+)(/[^#]*)?$)");
  std::smatch m;
  if (!std::regex_match(url, m, re)) {
    return DataFailure{0, "bad data URL \"" + url + "\" (http://host[:port]/path is served)"};
  }
  httplib::Client cli(m[1].str());
  if (!cli.is_valid()) return DataFailure{0, "bad data URL \"" + url + "\""};
  cli.set_connection_timeout(kConnectTimeoutSeconds, 0);
  cli.set_read_timeout(kReadTimeoutSeconds, 0);
  cli.set_follow_location(true);
  try {
    std::filesystem::create_directories(dest.parent_path());
    staging::AtomicFile out(dest);
    std::uint64_t got = 0;
    int status = 0;
    auto res = cli.Get(
        m[2].matched ? m[2].str() : "/",
        [&](const httplib::Response& r) {
          status = r.status;
          return r.status == 200;
        },
        [&](const char* data, std::size_t n) {
          got += n;
          if (got > size) return false;  // more than the piece: stop reading, it is refused below
          out.append(data, n);
          return true;
        });
    if (status != 0 && status != 200) {
      return DataFailure{status >= 500 ? 100 : 0, "GET " + url + ": HTTP " + std::to_string(status)};
    }
    if (got > size) return DataFailure{0, "the data at " + url + " is larger than the piece size " + std::to_string(size)};
    if (!res) return DataFailure{100, "GET " + url + ": " + httplib::to_string(res.error())};
    if (got != size) {
      return DataFailure{0, "the data at " + url + " has " + std::to_string(got) + " bytes, not the piece size " + std::to_string(size)};
    }
    out.publish();
    return std::nullopt;
  } catch (const std::exception& e) {
    return DataFailure{100, std::string("staging ") + url + ": " + e.what()};
  }
}

}  // namespace sa::adapter::lotus
