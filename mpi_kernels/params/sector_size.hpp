// The five production sector sizes and their per-size sealing parameters (proofs.md §1.1;
// rust-fil-proofs filecoin-proofs/src/constants.rs).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace sa::params {

enum class SectorSize : std::uint64_t {
  S2KiB = 2048ull,
  S8MiB = 8ull << 20,
  S512MiB = 512ull << 20,
  S32GiB = 32ull << 30,
  S64GiB = 64ull << 30,
};

inline constexpr std::array<SectorSize, 5> kSectorSizes = {
    SectorSize::S2KiB, SectorSize::S8MiB, SectorSize::S512MiB, SectorSize::S32GiB, SectorSize::S64GiB};

constexpr std::uint64_t bytes(SectorSize s) { return static_cast<std::uint64_t>(s); }
// Nodes are 32 bytes.
constexpr std::uint64_t nodes(SectorSize s) { return bytes(s) / 32; }
// Unpadded (user) capacity: 127/128 of the sector (Fr32 padding).
constexpr std::uint64_t unpadded_capacity(SectorSize s) { return bytes(s) / 128 * 127; }
// SDR layers: 11 for 32/64 GiB, 2 for the small sizes.
constexpr int sdr_layers(SectorSize s) { return bytes(s) >= (32ull << 30) ? 11 : 2; }

// "2KiB", "8MiB", "512MiB", "32GiB", "64GiB" (Lotus SectorSize.ShortString()).
std::string_view sector_size_name(SectorSize s);
// "2K", "8M", "512M", "32G", "64G": the size part of Lotus's env names (ShortString without "iB").
std::string_view sector_size_env(SectorSize s);
// Accepts "2KiB", "2K", "2kib", "2048" and the same for every size; nullopt for anything else.
std::optional<SectorSize> parse_sector_size(std::string_view text);
std::optional<SectorSize> sector_size_from_bytes(std::uint64_t b);

}  // namespace sa::params
