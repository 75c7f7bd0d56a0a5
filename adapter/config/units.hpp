// Units people write in site files: byte sizes ("4GiB", "512MiB", "3G", "1073741824") and walltimes in
// Slurm's forms ("90", "1:30:00", "2-00:00:00", "1-12") or with a suffix ("90m", "4h", "2d"). See
// site/README.md. Binary prefixes only: "G" means GiB, as in Slurm's --mem.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sa::adapter {

// Bytes; nullopt for anything that is not <number>[unit] (a fraction is allowed: "1.5GiB" is floored to
// whole bytes). Units: B, K/KiB, M/MiB, G/GiB, T/TiB, case-insensitive; none = bytes.
std::optional<std::uint64_t> parse_size(std::string_view text);

// Whole minutes, seconds rounded up (as Slurm does); nullopt when the text is not a walltime or is 0.
std::optional<int> parse_walltime_minutes(std::string_view text);

// "HH:MM:SS" below a day, "D-HH:MM:SS" from a day on: a form sbatch --time accepts.
std::string format_walltime(int minutes);

// "1.5 GiB", "10 MiB", "2048 B": for messages, not for parsing.
std::string format_size(std::uint64_t bytes);

}  // namespace sa::adapter
