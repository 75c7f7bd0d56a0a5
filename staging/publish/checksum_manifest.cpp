// Checksum manifests as JSON.
#include "publish/checksum_manifest.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/error.hpp"
#include "publish/atomic_file.hpp"
#include "publish/checksum.hpp"

namespace sa::staging {

void ChecksumManifest::add_file(const std::filesystem::path& dir, const std::string& name) {
  auto p = dir / name;
  entries.push_back({name, std::filesystem::file_size(p), checksum_file(p)});
}

const ManifestEntry* ChecksumManifest::find(const std::string& name) const {
  for (const auto& e : entries) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

std::filesystem::path manifest_path(const std::filesystem::path& dir, const std::string& stage) {
  return dir / (".sa-checksums-" + stage + ".json");
}

void write_checksum_manifest(const std::filesystem::path& dir, const ChecksumManifest& m) {
  nlohmann::json j = {{"schema", "sealadapter/checksums"}, {"version", 1}, {"stage", m.stage}, {"entries", nlohmann::json::array()}};
  for (const auto& e : m.entries) j["entries"].push_back({{"name", e.name}, {"size", e.size}, {"xxh3_128", e.checksum}});
  write_file_atomic(manifest_path(dir, m.stage), j.dump(2) + "\n");
}

ChecksumManifest read_checksum_manifest(const std::filesystem::path& dir, const std::string& stage) {
  auto p = manifest_path(dir, stage);
  std::ifstream in(p);
  if (!in) throw Error(ErrorKind::Corrupt, "missing checksum manifest " + p.string() + " (did the " + stage + " stage finish?)");
  try {
    std::stringstream ss;
    ss << in.rdbuf();
    auto j = nlohmann::json::parse(ss.str());
    ChecksumManifest m;
    m.stage = j.at("stage").get<std::string>();
    for (const auto& e : j.at("entries")) {
      m.entries.push_back({e.at("name").get<std::string>(), e.at("size").get<std::uint64_t>(), e.at("xxh3_128").get<std::string>()});
    }
    return m;
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::Corrupt, "checksum manifest " + p.string() + " is malformed: " + e.what());
  }
}

void verify_files(const std::filesystem::path& dir, const ChecksumManifest& m, const std::vector<std::string>& names) {
  auto check = [&](const ManifestEntry& e) {
    if (e.name.find(':') != std::string::npos) return;
    auto p = dir / e.name;
    std::error_code ec;
    auto size = std::filesystem::file_size(p, ec);
    if (ec) throw Error(ErrorKind::Corrupt, p.string() + ": missing (" + m.stage + " published it)");
    if (size != e.size) {
      throw Error(ErrorKind::Corrupt, p.string() + ": size " + std::to_string(size) + ", expected " + std::to_string(e.size));
    }
    std::string sum = checksum_file(p);
    if (sum != e.checksum) throw Error(ErrorKind::Corrupt, p.string() + ": checksum mismatch (the file changed after " + m.stage + ")");
  };
  if (names.empty()) {
    for (const auto& e : m.entries) check(e);
    return;
  }
  for (const auto& n : names) {
    const ManifestEntry* e = m.find(n);
    if (!e) throw Error(ErrorKind::Corrupt, "checksum manifest of " + m.stage + " does not list " + n);
    check(*e);
  }
}

}  // namespace sa::staging
