// Lotus's sector file names and folders.
#include "layout/lotus_paths.hpp"

namespace sa::staging {

std::string sector_name(const SectorId& id) {
  return "s-t0" + std::to_string(id.miner) + "-" + std::to_string(id.number);
}

std::filesystem::path LotusLayout::unsealed(const SectorId& id) const { return root_ / "unsealed" / sector_name(id); }
std::filesystem::path LotusLayout::sealed(const SectorId& id) const { return root_ / "sealed" / sector_name(id); }
std::filesystem::path LotusLayout::cache(const SectorId& id) const { return root_ / "cache" / sector_name(id); }

void LotusLayout::create_dirs() const {
  for (const char* sub : {"unsealed", "sealed", "cache", "update", "update-cache", "piece"}) {
    std::filesystem::create_directories(root_ / sub);
  }
}

}  // namespace sa::staging
