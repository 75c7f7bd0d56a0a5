// /remote over cpp-httplib: files streamed by range, folders as tar, FsStat.
#include "lotus/remote_files.hpp"

#include <httplib.h>

#include <fstream>
#include <memory>

#include "layout/partial_file.hpp"
#include "lotus/tar_stream.hpp"
#include "params/proof_type.hpp"
#include "service/service_log.hpp"

namespace sa::adapter::lotus {

namespace {

constexpr const char* kSectorPath = R"(/remote/(unsealed|sealed|cache|update|update-cache)/(s-t0[0-9]{1,20}-[0-9]{1,20}))";
constexpr std::size_t kChunk = 1 << 20;

void not_found(httplib::Response& res, const std::string& what) {
  res.status = 404;
  res.set_content(what + " not found\n", "text/plain");
}

void serve_file(const std::filesystem::path& path, httplib::Response& res) {
  const std::uint64_t size = std::filesystem::file_size(path);
  auto in = std::make_shared<std::ifstream>(path, std::ios::binary);
  if (!*in) throw std::runtime_error("cannot open " + path.string());
  res.set_content_provider(size, "application/octet-stream",
                           [in, path](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                             std::string buf(std::min(length, kChunk), '\0');
                             in->clear();
                             in->seekg(static_cast<std::streamoff>(offset));
                             in->read(buf.data(), static_cast<std::streamsize>(buf.size()));
                             if (in->gcount() <= 0) return false;  // shorter than it was: end the reply
                             return sink.write(buf.data(), static_cast<std::size_t>(in->gcount()));
                           });
}

// Unpadded (Fr32 payload) bytes to padded bytes: 127 payload bytes take 128.
std::uint64_t padded(std::uint64_t unpadded) { return unpadded + unpadded / 127; }

// Lotus's remoteGetAllocated: 200 when the unsealed file holds [offset, offset + size) (unpadded), 416 when
// part of it is a hole.
void serve_allocated(const std::filesystem::path& storage_dir, const httplib::Request& req, httplib::Response& res) {
  const std::string type = req.matches[1].str(), name = req.matches[2].str();
  if (type != "unsealed") {
    res.status = 400;
    res.set_content("only unsealed files have allocated ranges\n", "text/plain");
    return;
  }
  auto proof = params::seal_proof_from_id(std::stoll(req.matches[3].str()));
  if (!proof) {
    res.status = 400;
    res.set_content("unknown seal proof type " + req.matches[3].str() + "\n", "text/plain");
    return;
  }
  const std::filesystem::path path = storage_dir / type / name;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return not_found(res, type + "/" + name);
  const std::uint64_t offset = std::stoull(req.matches[4].str()), size = std::stoull(req.matches[5].str());
  auto allocated = staging::read_partial_file_allocated(path, params::bytes(proof->size()));
  const bool has = staging::covers(allocated, {padded(offset), padded(size)});
  res.status = has ? 200 : 416;
  res.set_content("", "text/plain");
}

void serve_folder(const std::filesystem::path& path, httplib::Response& res) {
  auto tar = std::make_shared<TarStream>(path);
  res.set_content_provider(tar->size(), "application/x-tar",
                           [tar](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                             std::string buf;
                             tar->read(offset, std::min(length, kChunk), buf);
                             return !buf.empty() && sink.write(buf.data(), buf.size());
                           });
}

}  // namespace

void add_remote_routes(RpcServer& server, const std::filesystem::path& storage_dir, const std::string& storage_id,
                       std::function<nlohmann::json()> fs_stat) {
  server.add_http("GET", kSectorPath, Permission::Admin, [storage_dir](const httplib::Request& req, httplib::Response& res) {
    const std::filesystem::path path = storage_dir / req.matches[1].str() / req.matches[2].str();
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) serve_folder(path, res);
    else if (std::filesystem::is_regular_file(path, ec)) serve_file(path, res);
    else not_found(res, req.matches[1].str() + "/" + req.matches[2].str());
  });
  server.add_http("DELETE", kSectorPath, Permission::Admin, [storage_dir](const httplib::Request& req, httplib::Response& res) {
    const std::filesystem::path path = storage_dir / req.matches[1].str() / req.matches[2].str();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return not_found(res, req.matches[1].str() + "/" + req.matches[2].str());
    std::filesystem::remove_all(path);
    log_event(LogLevel::Info, "remote-delete", {{"path", path.string()}});
    res.set_content("", "text/plain");
  });
  server.add_http("GET", std::string(kSectorPath) + R"(/([0-9]{1,3})/allocated/([0-9]{1,20})/([0-9]{1,20}))", Permission::Admin,
                  [storage_dir](const httplib::Request& req, httplib::Response& res) { serve_allocated(storage_dir, req, res); });
  server.add_http("GET", R"(/remote/stat/([^/]+))", Permission::Admin,
                  [storage_id, fs_stat](const httplib::Request& req, httplib::Response& res) {
                    if (req.matches[1].str() != storage_id) return not_found(res, "storage " + req.matches[1].str());
                    res.set_content(fs_stat().dump(), "application/json");
                  });
}

}  // namespace sa::adapter::lotus
