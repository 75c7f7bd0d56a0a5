// Commitment CIDs: byte layout = uvarint(version 1) ‖ uvarint(codec) ‖ uvarint(multihash code) ‖
// uvarint(digest length) ‖ digest, text = 'b' + base32 lower. Byte-compatible with go-fil-commcid.
#include "piece/cid.hpp"

#include <algorithm>
#include <vector>

#include "base/error.hpp"
#include "piece/multibase.hpp"

namespace sa::kernels {
namespace {

constexpr std::uint64_t kCodecUnsealed = 0xf101;  // fil-commitment-unsealed
constexpr std::uint64_t kCodecSealed = 0xf102;    // fil-commitment-sealed
constexpr std::uint64_t kCodecRaw = 0x55;
constexpr std::uint64_t kMhSha256Trunc254Padded = 0x1012;
constexpr std::uint64_t kMhPoseidonBls12381A2Fc1 = 0xb401;
constexpr std::uint64_t kMhFr32Sha256Trunc254PadBinTree = 0x1011;

std::string encode_cid(std::uint64_t codec, std::uint64_t mh, const std::vector<std::uint8_t>& digest) {
  std::vector<std::uint8_t> bytes;
  put_uvarint(bytes, 1);
  put_uvarint(bytes, codec);
  put_uvarint(bytes, mh);
  put_uvarint(bytes, digest.size());
  bytes.insert(bytes.end(), digest.begin(), digest.end());
  return "b" + base32_lower_encode(bytes.data(), bytes.size());
}

std::string hex_code(std::uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  do {
    s.insert(s.begin(), kDigits[v & 15]);
    v >>= 4;
  } while (v != 0);
  return "0x" + s;
}

Error bad_cid(std::string_view text, const std::string& why) {
  const std::string shown = text.size() > 80 ? std::string(text.substr(0, 80)) + "…" : std::string(text);
  return Error(ErrorKind::Usage, "commitment CID '" + shown + "': " + why);
}

}  // namespace

std::string comm_d_cid(const Commitment& comm) {
  return encode_cid(kCodecUnsealed, kMhSha256Trunc254Padded, {comm.begin(), comm.end()});
}

std::string comm_r_cid(const Commitment& comm) {
  return encode_cid(kCodecSealed, kMhPoseidonBls12381A2Fc1, {comm.begin(), comm.end()});
}

std::string piece_cid_v2(const Commitment& comm, std::uint64_t payload_size, std::uint64_t padded_size) {
  if (!is_padded_piece_size(padded_size)) {
    throw Error(ErrorKind::Usage, "piece CID v2: padded size " + std::to_string(padded_size) +
                                      " is not a power of two of at least 128 bytes");
  }
  const std::uint64_t capacity = padded_size / 128 * 127;
  if (payload_size > capacity) {
    throw Error(ErrorKind::Usage, "piece CID v2: payload " + std::to_string(payload_size) +
                                      " exceeds the capacity " + std::to_string(capacity));
  }
  std::vector<std::uint8_t> digest;
  put_uvarint(digest, capacity - payload_size);
  digest.push_back(static_cast<std::uint8_t>(tree_level(padded_size)));
  digest.insert(digest.end(), comm.begin(), comm.end());
  return encode_cid(kCodecRaw, kMhFr32Sha256Trunc254PadBinTree, digest);
}

ParsedCommCid parse_comm_cid(std::string_view text) {
  if (text.empty() || text[0] != 'b') throw bad_cid(text, "expected multibase 'b' (base32 lower-case)");
  std::vector<std::uint8_t> bytes;
  std::uint64_t version = 0, codec = 0, mh = 0, length = 0;
  std::size_t pos = 0;
  try {
    bytes = base32_lower_decode(text.substr(1));
    version = read_uvarint(bytes, pos);
    codec = read_uvarint(bytes, pos);
    mh = read_uvarint(bytes, pos);
    length = read_uvarint(bytes, pos);
  } catch (const Error& e) {
    throw bad_cid(text, e.what());
  }
  if (version != 1) throw bad_cid(text, "CID version " + std::to_string(version) + ", expected 1");
  if (length != bytes.size() - pos) throw bad_cid(text, "digest length does not match the bytes present");
  const std::vector<std::uint8_t> digest(bytes.begin() + static_cast<std::ptrdiff_t>(pos), bytes.end());

  ParsedCommCid out;
  auto take_comm = [&](std::size_t at) {
    std::copy_n(digest.begin() + static_cast<std::ptrdiff_t>(at), 32, out.comm.begin());
  };
  if (codec == kCodecUnsealed || codec == kCodecSealed) {
    const bool unsealed = codec == kCodecUnsealed;
    if (mh != (unsealed ? kMhSha256Trunc254Padded : kMhPoseidonBls12381A2Fc1)) {
      throw bad_cid(text, "multihash " + hex_code(mh) + " does not belong to codec " + hex_code(codec));
    }
    if (digest.size() != 32) throw bad_cid(text, "digest is not 32 bytes");
    out.kind = unsealed ? ParsedCommCid::Kind::Unsealed : ParsedCommCid::Kind::Sealed;
    take_comm(0);
    return out;
  }
  if (codec != kCodecRaw || mh != kMhFr32Sha256Trunc254PadBinTree) {
    throw bad_cid(text, "not a Filecoin commitment (codec " + hex_code(codec) + ", multihash " + hex_code(mh) + ")");
  }
  std::size_t at = 0;
  std::uint64_t padding = 0;
  try {
    padding = read_uvarint(digest, at);
  } catch (const Error& e) {
    throw bad_cid(text, std::string("piece v2 padding: ") + e.what());
  }
  if (digest.size() != at + 33) throw bad_cid(text, "piece v2 digest is not padding ‖ height ‖ 32 bytes");
  const unsigned height = digest[at];
  if (height < 2 || height > kMaxTreeLevel) {
    throw bad_cid(text, "piece v2 height " + std::to_string(height) + " is out of range");
  }
  out.kind = ParsedCommCid::Kind::PieceV2;
  out.padded_size = std::uint64_t{32} << height;
  const std::uint64_t capacity = out.padded_size / 128 * 127;
  if (padding > capacity) throw bad_cid(text, "piece v2 padding exceeds the tree's capacity");
  out.payload_size = capacity - padding;
  take_comm(at + 1);
  return out;
}

}  // namespace sa::kernels
