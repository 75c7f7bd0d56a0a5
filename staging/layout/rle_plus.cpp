// RLE+ bit packing (see rle_plus.hpp for the format).
#include "layout/rle_plus.hpp"

#include "base/error.hpp"

namespace sa::staging {

namespace {

class BitWriter {
 public:
  void put(std::uint64_t value, int bits) {
    for (int i = 0; i < bits; ++i) {
      if (used_ % 8 == 0) out_.push_back(0);
      if ((value >> i) & 1) out_.back() = static_cast<char>(out_.back() | (1 << (used_ % 8)));
      ++used_;
    }
  }
  std::string finish() {
    while (!out_.empty() && out_.back() == 0) out_.pop_back();  // minimal: go-bitfield drops them too
    return out_;
  }

 private:
  std::string out_;
  std::size_t used_ = 0;
};

// Reads past the end as zeros, as go-bitfield does: the stream ends at a zero-length run.
class BitReader {
 public:
  explicit BitReader(std::string_view in) : in_(in) {}
  std::uint64_t get(int bits) {
    std::uint64_t v = 0;
    for (int i = 0; i < bits; ++i, ++pos_) {
      std::size_t byte = pos_ / 8;
      if (byte < in_.size() && ((static_cast<unsigned char>(in_[byte]) >> (pos_ % 8)) & 1)) v |= 1ull << i;
    }
    return v;
  }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
};

Error corrupt(const std::string& why) { return Error(ErrorKind::Corrupt, "RLE+ bitfield: " + why); }

}  // namespace

std::string rle_plus_encode(const std::vector<Run>& runs) {
  BitWriter w;
  w.put(0, 2);  // version
  if (runs.empty()) {
    w.put(0, 1);
    return w.finish();
  }
  w.put(runs.front().set ? 1 : 0, 1);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const Run& r = runs[i];
    if (r.length == 0) throw Error(ErrorKind::Usage, "RLE+ bitfield: a run of length 0");
    if (i > 0 && r.set == runs[i - 1].set) throw Error(ErrorKind::Usage, "RLE+ bitfield: two consecutive runs of the same value");
    if (r.length == 1) {
      w.put(1, 1);
    } else if (r.length < 16) {
      w.put(2, 2);
      w.put(r.length, 4);
    } else {
      w.put(0, 2);
      for (std::uint64_t v = r.length;;) {  // unsigned LEB128, as Go's binary.PutUvarint
        std::uint64_t byte = v & 0x7f;
        v >>= 7;
        w.put(v ? byte | 0x80 : byte, 8);
        if (!v) break;
      }
    }
  }
  return w.finish();
}

std::vector<Run> rle_plus_decode(std::string_view bytes) {
  if (!bytes.empty() && bytes.back() == 0) throw corrupt("not minimally encoded (trailing zero byte)");
  BitReader r(bytes);
  if (r.get(2) != 0) throw corrupt("unknown version");
  bool value = r.get(1) == 1;
  std::vector<Run> runs;
  std::uint64_t total = 0;
  while (true) {
    std::uint64_t length;
    if (r.get(1) == 1) {
      length = 1;
    } else if (r.get(1) == 1) {
      length = r.get(4);
    } else {
      length = 0;
      for (int i = 0, shift = 0;; ++i, shift += 7) {
        if (i == 10) throw corrupt("run length varint too long");
        std::uint64_t b = r.get(8);
        if (i == 9 && b > 1) throw corrupt("run length overflows 64 bits");
        if (b < 0x80) {
          if (b == 0 && i > 0) throw corrupt("run length varint not minimal");
          length |= b << shift;
          break;
        }
        length |= (b & 0x7f) << shift;
      }
    }
    if (length == 0) break;  // the end (the zero bits past the last byte read as a zero-length run)
    if (total + length < total) throw corrupt("total length overflows 64 bits");
    total += length;
    runs.push_back({value, length});
    value = !value;
  }
  return runs;
}

}  // namespace sa::staging
