// AddPiece (AP): Fr32-pads each piece into the sector's unsealed file at its aligned offset and returns the
// piece commitments (PieceInfo) and the resulting CommD. Streaming: memory is one chunk, whatever the piece
// size. Inputs (docs/01-job-contract.md): {"pieces":[{"kind":"file","path":P[,"piece_size":U]} |
// {"kind":"zero","size":U}], "existing_pieces":[U...]}; no pieces = a CC sector (one zero piece filling it).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

#include "base/error.hpp"
#include "contract/json_fields.hpp"
#include "field/fr32.hpp"
#include "layout/lotus_paths.hpp"
#include "layout/partial_file.hpp"
#include "params/proof_type.hpp"
#include "piece/cid.hpp"
#include "piece/comm_d.hpp"
#include "piece/commp.hpp"
#include "publish/atomic_file.hpp"
#include "publish/checksum_manifest.hpp"
#include "publish/free_space.hpp"
#include "stages/stage.hpp"

namespace sa::jobs {

namespace {

namespace k = sa::kernels;

constexpr std::size_t kQuadsPerChunk = 8192;  // 1 MiB of padded output per write

struct PieceInput {
  bool zero = false;
  std::filesystem::path path;
  std::uint64_t payload = 0;         // bytes of data (files) or the piece size (zero pieces)
  std::uint64_t piece_unpadded = 0;  // 127 * 2^k
};

bool is_piece_size(std::uint64_t unpadded) {
  if (unpadded < 127 || unpadded % 127 != 0) return false;
  std::uint64_t padded = unpadded / 127 * 128;
  return (padded & (padded - 1)) == 0;
}

std::uint64_t piece_size_for(std::uint64_t payload) {
  std::uint64_t padded = 128;
  while (padded < k::to_padded_bytes(payload)) padded <<= 1;
  return padded / 128 * 127;
}

std::uint64_t input_size(const std::filesystem::path& p) {
  std::error_code ec;
  auto n = std::filesystem::file_size(p, ec);
  if (ec) throw Error(ErrorKind::Usage, "piece " + p.string() + ": " + ec.message());
  return n;
}

std::vector<PieceInput> parse_pieces(const nlohmann::json& inputs, std::uint64_t capacity, bool has_existing) {
  std::vector<PieceInput> out;
  for (const auto& j : optional_field<nlohmann::json>(inputs, "pieces", nlohmann::json::array(), "inputs")) {
    PieceInput p;
    auto kind = required_field<std::string>(j, "kind", "inputs.pieces[]");
    if (kind == "zero") {
      p.zero = true;
      p.payload = p.piece_unpadded = required_field<std::uint64_t>(j, "size", "inputs.pieces[]");
    } else if (kind == "file") {
      p.path = required_field<std::string>(j, "path", "inputs.pieces[]");
      p.payload = input_size(p.path);
      p.piece_unpadded = optional_field<std::uint64_t>(j, "piece_size", piece_size_for(p.payload), "inputs.pieces[]");
    } else {
      throw Error(ErrorKind::Usage, "inputs.pieces[]: unknown kind \"" + kind + "\" (file or zero)");
    }
    if (!is_piece_size(p.piece_unpadded)) {
      throw Error(ErrorKind::Usage, "piece size " + std::to_string(p.piece_unpadded) + " is not 127 * 2^k bytes");
    }
    if (p.payload > p.piece_unpadded) {
      throw Error(ErrorKind::Usage, "piece " + p.path.string() + " holds " + std::to_string(p.payload) +
                                        " bytes, more than its piece size " + std::to_string(p.piece_unpadded));
    }
    out.push_back(p);
  }
  if (out.empty() && has_existing) throw Error(ErrorKind::Usage, "inputs.pieces: nothing to add");
  if (out.empty()) out.push_back(PieceInput{true, {}, capacity, capacity});  // CC sector
  return out;
}

// Where pieces are written: a fresh sector is built under a temporary name and published whole; with
// existing pieces the new ones go into the unused tail of the sector's existing unsealed file. Either way
// the file is Lotus's partial file: the pieces' padded ranges are recorded as allocated in its trailer.
class UnsealedWriter {
 public:
  UnsealedWriter(const std::filesystem::path& path, bool existing, std::uint64_t sector_bytes)
      : path_(path), sector_bytes_(sector_bytes) {
    if (!existing) {
      fresh_ = std::make_unique<staging::AtomicFile>(path);
      return;
    }
    allocated_ = staging::read_partial_file_allocated(path, sector_bytes);  // Corrupt before anything is written
    fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) throw Error(ErrorKind::Usage, "existing pieces given but " + path.string() + ": " + std::strerror(errno));
  }
  ~UnsealedWriter() {
    if (fd_ >= 0) ::close(fd_);
  }
  void write_at(std::uint64_t offset, const void* data, std::size_t n) {
    if (fresh_) return fresh_->write_at(offset, data, n);
    const auto* c = static_cast<const char*>(data);
    while (n > 0) {
      ssize_t w = ::pwrite(fd_, c, n, static_cast<off_t>(offset));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) throw Error(ErrorKind::Io, "write " + path_.string() + ": " + std::strerror(errno), Retry::Retryable);
      c += w;
      n -= static_cast<std::size_t>(w);
      offset += static_cast<std::uint64_t>(w);
    }
  }
  void allocate(std::uint64_t padded_offset, std::uint64_t padded_size) {
    allocated_ = staging::with_range(std::move(allocated_), {padded_offset, padded_size});
  }
  void finish() {
    if (fresh_) {
      fresh_->truncate(sector_bytes_);  // sparse zeros after the last piece
      staging::write_partial_file_trailer(fresh_->fd(), fresh_->temp_path(), sector_bytes_, allocated_);
      fresh_->publish();
      return;
    }
    staging::write_partial_file_trailer(fd_, path_, sector_bytes_, allocated_);
    if (::fsync(fd_) != 0) {
      throw Error(ErrorKind::Io, "fsync " + path_.string() + ": " + std::strerror(errno), Retry::Retryable);
    }
  }

 private:
  std::unique_ptr<staging::AtomicFile> fresh_;
  int fd_ = -1;
  std::filesystem::path path_;
  std::uint64_t sector_bytes_ = 0;
  std::vector<staging::ByteRange> allocated_;
};

// Streams one file piece: pads it into the unsealed file at `padded_offset` and hashes it.
k::PieceCommitment write_file_piece(const PieceInput& p, UnsealedWriter& out, std::uint64_t padded_offset) {
  int fd = ::open(p.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(ErrorKind::Usage, "open piece " + p.path.string() + ": " + std::strerror(errno));
  std::unique_ptr<int, void (*)(int*)> guard(&fd, [](int* f) { ::close(*f); });
  std::vector<std::uint8_t> raw(kQuadsPerChunk * 127), padded(kQuadsPerChunk * 128);
  k::CommPHasher hasher;
  std::uint64_t done = 0;
  while (done < p.payload) {
    std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(raw.size(), p.payload - done));
    std::size_t got = 0;
    while (got < want) {
      ssize_t r = ::read(fd, raw.data() + got, want - got);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) throw Error(ErrorKind::Io, "read " + p.path.string() + ": " + std::strerror(errno), Retry::Retryable);
      if (r == 0) throw Error(ErrorKind::Io, p.path.string() + " shrank while being read", Retry::Retryable);
      got += static_cast<std::size_t>(r);
    }
    hasher.write(raw.data(), got);
    std::size_t quads = (got + 126) / 127;
    std::memset(raw.data() + got, 0, quads * 127 - got);  // the piece is zero-extended
    k::fr32_pad_quads(raw.data(), padded.data(), quads);
    out.write_at(padded_offset + done / 127 * 128, padded.data(), quads * 128);
    done += got;
  }
  return hasher.finish(p.piece_unpadded / 127 * 128);
}

}  // namespace

nlohmann::json run_addpiece(StageContext& ctx) {
  const JobManifest& m = ctx.manifest;
  auto proof = params::seal_proof_from_id(m.proof_type);
  if (!proof) throw Error(ErrorKind::Usage, "unknown seal proof type " + std::to_string(m.proof_type));
  const std::uint64_t sector_bytes = params::bytes(proof->size());
  const std::uint64_t capacity = params::unpadded_capacity(proof->size());

  std::uint64_t written = 0;  // unpadded bytes already used in the sector
  for (const auto& e : optional_field<nlohmann::json>(m.inputs, "existing_pieces", nlohmann::json::array(), "inputs")) {
    written += e.get<std::uint64_t>();
  }
  const bool has_existing = written > 0;
  std::vector<PieceInput> pieces = parse_pieces(m.inputs, capacity, has_existing);
  if (ctx.mpi.rank() != 0) return nlohmann::json::object();  // one sector is one rank's work

  staging::LotusLayout layout(m.storage_dir);
  layout.create_dirs();
  const staging::SectorId id{m.miner, m.sector};
  std::uint64_t data_bytes = 0;
  for (const auto& p : pieces) data_bytes += p.zero ? 0 : p.piece_unpadded / 127 * 128;
  staging::require_free_space(layout.unsealed(id).parent_path(), data_bytes, "AddPiece");

  UnsealedWriter out(layout.unsealed(id), has_existing, sector_bytes);
  nlohmann::json piece_out = nlohmann::json::array();
  std::vector<k::PieceInfo> infos;
  for (const auto& p : pieces) {
    auto align = k::piece_alignment(written, p.piece_unpadded);
    std::uint64_t offset = written + align.left_bytes;
    if (offset + p.piece_unpadded > capacity) {
      throw Error(ErrorKind::Usage, "pieces do not fit in a " + std::string(params::sector_size_name(proof->size())) +
                                        " sector (" + std::to_string(capacity) + " usable bytes)");
    }
    k::PieceCommitment pc = p.zero ? k::PieceCommitment{k::zero_piece_commitment(p.piece_unpadded / 127 * 128),
                                                        p.piece_unpadded / 127 * 128, p.piece_unpadded}
                                   : write_file_piece(p, out, k::to_padded_bytes(offset));
    out.allocate(k::to_padded_bytes(offset), pc.padded_size);
    infos.push_back({pc.padded_size, pc.comm});
    piece_out.push_back({{"size", pc.padded_size},
                         {"payload_size", p.zero ? 0 : pc.payload_size},
                         {"offset", offset},
                         {"cid", k::comm_d_cid(pc.comm)},
                         {"comm", k::to_hex(pc.comm)}});
    written = offset + p.piece_unpadded;
  }
  out.finish();
  // PC1 verifies the unsealed sector against this before it trusts it.
  staging::ChecksumManifest sums;
  sums.stage = "addpiece-" + staging::sector_name(id);
  sums.add_file(layout.root(), "unsealed/" + staging::sector_name(id));
  staging::write_checksum_manifest(layout.root(), sums);
  nlohmann::json result = {{"pieces", piece_out}, {"unsealed", layout.unsealed(id).string()}, {"bytes_used", written}};
  if (!has_existing) {  // with earlier pieces only the caller knows all commitments
    k::Commitment comm_d = k::compute_comm_d(sector_bytes, infos);
    result["comm_d"] = {{"cid", k::comm_d_cid(comm_d)}, {"hex", k::to_hex(comm_d)}};
  }
  return result;
}

}  // namespace sa::jobs
