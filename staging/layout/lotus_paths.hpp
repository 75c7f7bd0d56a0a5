// Lotus's sector storage layout (lotus.md §7.1-7.2): <root>/{unsealed,sealed,cache,update,update-cache,piece}/,
// a sector named s-t0<miner>-<number>; unsealed and sealed are files, cache is a directory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace sa::staging {

struct SectorId {
  std::uint64_t miner = 0;
  std::uint64_t number = 0;
};

// "s-t01000-9": the prefix is always t0, even on mainnet.
std::string sector_name(const SectorId& id);

class LotusLayout {
 public:
  explicit LotusLayout(std::filesystem::path root) : root_(std::move(root)) {}

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path unsealed(const SectorId& id) const;
  std::filesystem::path sealed(const SectorId& id) const;
  std::filesystem::path cache(const SectorId& id) const;
  // Creates the per-type folders Lotus creates when a path is opened.
  void create_dirs() const;

 private:
  std::filesystem::path root_;
};

}  // namespace sa::staging
