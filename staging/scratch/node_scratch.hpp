// Node-local scratch: a stage copies what it reads hardest onto the node's own disk ($TMPDIR, or the site's
// scratch_dir) when that is faster than reading it in place from the shared filesystem, and writes what it
// produces there before publishing it to the shared filesystem. "Faster" here means: scratch is another
// filesystem than the shared storage, and it has room. Copies are verified by checksum and published
// atomically (temporary name, fsync, rename).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace sa::staging {

enum class ScratchPolicy { Auto, Always, Never };

// "auto", "always", "never"; throws sa::Error(Usage) for anything else.
ScratchPolicy parse_scratch_policy(const std::string& text);

// The directory to stage into, or nullopt to work in place. `needed` is the bytes that will be staged.
std::optional<std::filesystem::path> choose_scratch(const std::filesystem::path& storage, const std::filesystem::path& scratch,
                                                    std::uint64_t needed, ScratchPolicy policy);

// Copies `src` into `dir` (same file name), checks what was copied against `checksum` when one is given
// (files verified chunk by chunk on read pass none), and returns the copy's path. Throws sa::Error(Corrupt) on a mismatch,
// sa::Error(Io/Resource, retryable) when it cannot copy.
std::filesystem::path stage_in(const std::filesystem::path& src, const std::filesystem::path& dir,
                               const std::string& checksum = "");

// Publishes a local file to `dest` on the shared filesystem: copy to a temporary name beside it, fsync,
// verify the checksum, rename, fsync the folder; removes the local file. Returns the checksum.
std::string stage_out(const std::filesystem::path& local, const std::filesystem::path& dest);

}  // namespace sa::staging
