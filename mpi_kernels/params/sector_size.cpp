// Names and parsing of sector sizes.
#include "params/sector_size.hpp"

#include <cctype>
#include <string>

namespace sa::params {

std::string_view sector_size_name(SectorSize s) {
  switch (s) {
    case SectorSize::S2KiB: return "2KiB";
    case SectorSize::S8MiB: return "8MiB";
    case SectorSize::S512MiB: return "512MiB";
    case SectorSize::S32GiB: return "32GiB";
    case SectorSize::S64GiB: return "64GiB";
  }
  return "?";
}

std::string_view sector_size_env(SectorSize s) {
  switch (s) {
    case SectorSize::S2KiB: return "2K";
    case SectorSize::S8MiB: return "8M";
    case SectorSize::S512MiB: return "512M";
    case SectorSize::S32GiB: return "32G";
    case SectorSize::S64GiB: return "64G";
  }
  return "?";
}

std::optional<SectorSize> sector_size_from_bytes(std::uint64_t b) {
  for (SectorSize s : kSectorSizes) {
    if (bytes(s) == b) return s;
  }
  return std::nullopt;
}

std::optional<SectorSize> parse_sector_size(std::string_view text) {
  std::string t;
  for (char c : text) t.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  for (SectorSize s : kSectorSizes) {
    std::string name(sector_size_name(s)), env(sector_size_env(s));
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (auto& c : env) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (t == name || t == env || t == std::to_string(bytes(s))) return s;
  }
  return std::nullopt;
}

}  // namespace sa::params
