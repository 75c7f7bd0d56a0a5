// A stage's checksum manifest: what it published (files, or datasets inside a file) with sizes and
// checksums, written atomically next to them. The next stage verifies the entries it is about to read and
// refuses corrupted or truncated data with a clear error instead of sealing garbage.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace sa::staging {

struct ManifestEntry {
  std::string name;          // file name relative to the manifest's folder, or "file:dataset"
  std::uint64_t size = 0;    // bytes
  std::string checksum;      // XXH3-128 hex
};

struct ChecksumManifest {
  std::string stage;
  std::vector<ManifestEntry> entries;

  void add_file(const std::filesystem::path& dir, const std::string& name);  // checksums the file now
  void add(ManifestEntry e) { entries.push_back(std::move(e)); }
  const ManifestEntry* find(const std::string& name) const;
};

// "<dir>/.sa-checksums-<stage>.json"
std::filesystem::path manifest_path(const std::filesystem::path& dir, const std::string& stage);
void write_checksum_manifest(const std::filesystem::path& dir, const ChecksumManifest& m);
// Throws sa::Error(Corrupt) when the manifest is missing or malformed.
ChecksumManifest read_checksum_manifest(const std::filesystem::path& dir, const std::string& stage);

// Verifies the listed files (all entries when `names` is empty) against the files on disk: existence, size,
// checksum. Dataset entries ("file:dataset") are skipped here (their reader verifies them). Throws
// sa::Error(Corrupt) naming the first bad file.
void verify_files(const std::filesystem::path& dir, const ChecksumManifest& m, const std::vector<std::string>& names = {});

}  // namespace sa::staging
