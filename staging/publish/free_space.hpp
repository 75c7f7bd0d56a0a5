// Free-space check before a stage writes: a clear, retryable error instead of a full disk.
#pragma once

#include <cstdint>
#include <filesystem>

namespace sa::staging {

// Bytes available to an unprivileged writer on the filesystem holding `path` (or its nearest existing parent).
std::uint64_t available_bytes(const std::filesystem::path& path);

// Throws sa::Error(Resource, retryable) "need X, only Y free on <path>" when `needed` does not fit.
void require_free_space(const std::filesystem::path& path, std::uint64_t needed, const char* what);

}  // namespace sa::staging
