// Lotus's unsealed sector file is a "partial file" (lotus partialfile.go): the sector-size area of Fr32-padded
// data, then an RLE+ bitfield (rle_plus.hpp) of the allocated bytes of that area (padded byte offsets: the
// pieces written or unsealed so far; the rest are holes), then the bitfield's length as 4 bytes little-endian.
// So the file is sector_bytes + trailer + 4 bytes, and only the allocated ranges hold data a reader may use.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "layout/rle_plus.hpp"

namespace sa::staging {

struct ByteRange {
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
  bool operator==(const ByteRange& o) const { return offset == o.offset && size == o.size; }
};

// Sorted, merged set bits of a bitfield's runs, and back.
std::vector<ByteRange> ranges_from_runs(const std::vector<Run>& runs);
std::vector<Run> runs_from_ranges(std::vector<ByteRange> ranges);
// `ranges` with `add` included (sorted and merged).
std::vector<ByteRange> with_range(std::vector<ByteRange> ranges, ByteRange add);
// Whether every byte of `r` is in `ranges`.
bool covers(const std::vector<ByteRange>& ranges, ByteRange r);

// The bytes that follow the sector area: the RLE+ bitfield of `allocated` and its 4-byte length.
std::string partial_file_trailer(const std::vector<ByteRange>& allocated);
// The allocated ranges of an unsealed file for a sector of `sector_bytes`; sa::Error(Corrupt) when the
// file's size, trailer length or bitfield are inconsistent (as Lotus's OpenPartialFile checks them).
std::vector<ByteRange> read_partial_file_allocated(const std::filesystem::path& path, std::uint64_t sector_bytes);
// Replaces the trailer of the open file `fd` (at sector_bytes) and cuts the file after it.
void write_partial_file_trailer(int fd, const std::filesystem::path& path, std::uint64_t sector_bytes,
                                const std::vector<ByteRange>& allocated);
// Writes `size` padded bytes at `offset` into the partial file (created, sparse and published whole, when
// missing) and marks them allocated. The trailer is written after the data, so a crash in between leaves
// the range a hole, never allocated garbage. Returns the allocated ranges after the write.
std::vector<ByteRange> write_partial_file_range(const std::filesystem::path& path, std::uint64_t sector_bytes,
                                                std::uint64_t offset, const void* data, std::uint64_t size);

}  // namespace sa::staging
