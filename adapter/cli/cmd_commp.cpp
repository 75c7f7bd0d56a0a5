// `sealadapter commp FILE`: Fr32-pad a file and print its piece commitment (v1 CID, padded size, hex),
// streaming in bounded memory, with the throughput next to this machine's own SHA-256 rate.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>
#include <vector>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "hash/sha256.hpp"
#include "hash/sha256_rate.hpp"
#include "piece/cid.hpp"
#include "piece/commp.hpp"

namespace sa::adapter {

namespace k = sa::kernels;

void register_commp(CLI::App& app, CliContext&) {
  auto* cmd = app.add_subcommand("commp", "Compute a file's piece commitment (CommP) and piece CID");
  auto file = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("file", *file, "The piece data")->required();
  cmd->add_flag("--json", *json, "JSON output");
  cmd->callback([file, json] {
    int fd = ::open(file->c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Error(ErrorKind::Usage, "cannot open " + *file + ": " + std::strerror(errno));
    std::uint64_t total = 0;
    if (off_t end = ::lseek(fd, 0, SEEK_END); end > 0) total = static_cast<std::uint64_t>(end);
    ::lseek(fd, 0, SEEK_SET);
    const bool progress = !*json && stderr_is_terminal();
    std::vector<std::uint8_t> buf(4u << 20);
    k::CommPHasher hasher;
    std::uint64_t done = 0;
    auto t0 = std::chrono::steady_clock::now(), shown = t0;
    for (;;) {
      ssize_t n = ::read(fd, buf.data(), buf.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        int e = errno;
        ::close(fd);
        throw Error(ErrorKind::Io, "read " + *file + ": " + std::strerror(e));
      }
      if (n == 0) break;
      hasher.write(buf.data(), static_cast<std::size_t>(n));
      done += static_cast<std::uint64_t>(n);
      auto now = std::chrono::steady_clock::now();
      if (progress && now - shown > std::chrono::milliseconds(250)) {
        shown = now;
        double s = std::chrono::duration<double>(now - t0).count();
        std::fprintf(stderr, "\r%s of %s (%d%%) at %s/s   ", size_str(done).c_str(), size_str(total).c_str(),
                     total ? static_cast<int>(done * 100 / total) : 0, size_str(static_cast<std::uint64_t>(done / s)).c_str());
      }
    }
    ::close(fd);
    if (done == 0) throw Error(ErrorKind::Usage, *file + " is empty: a piece needs at least one byte");
    k::PieceCommitment pc = hasher.finish();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (progress) std::fprintf(stderr, "\r%*s\r", 60, "");

    // The single-stream hashing limit: 127 raw bytes become 4 leaves, and a binary tree over L leaves has
    // L-1 internal nodes of 2 compressions each, so CommP costs ~8 SHA-256 compressions per 127 input bytes.
    // The kernel hashes several independent node pairs at once, so it can beat one stream.
    k::Sha256Impl impl = k::resolve(k::Sha256Impl::Auto);
    double rate = k::measure_sha256_rate(0.25, impl);
    double limit = rate * 127.0 / 8.0;
    double throughput = static_cast<double>(done) / std::max(seconds, 1e-9);
    if (*json) {
      std::cout << nlohmann::json{{"file", *file},
                                  {"piece_cid", k::comm_d_cid(pc.comm)},
                                  {"piece_cid_v2", k::piece_cid_v2(pc.comm, pc.payload_size, pc.padded_size)},
                                  {"padded_size", pc.padded_size},
                                  {"payload_size", pc.payload_size},
                                  {"commitment", k::to_hex(pc.comm)},
                                  {"seconds", seconds},
                                  {"bytes_per_second", throughput},
                                  {"sha256_compressions_per_second", rate},
                                  {"sha256_impl", impl == k::Sha256Impl::ShaNi ? "sha-ni" : "portable"},
                                  {"single_stream_limit_bytes_per_second", limit},
                                  {"ratio_to_single_stream_limit", throughput / limit}}
                       .dump(2)
                << "\n";
      return;
    }
    std::cout << "piece CID:    " << k::comm_d_cid(pc.comm) << "\n"
              << "padded size:  " << pc.padded_size << " (" << size_str(pc.padded_size) << ")\n"
              << "payload size: " << pc.payload_size << "\n"
              << "commitment:   " << k::to_hex(pc.comm) << "\n";
    std::fprintf(stderr,
                 "throughput %s/s over %.2f s; SHA-256 here: %.2f M compressions/s (%s, one stream), enough for %s/s "
                 "of CommP; measured %.2fx that\n",
                 size_str(static_cast<std::uint64_t>(throughput)).c_str(), seconds, rate / 1e6,
                 impl == k::Sha256Impl::ShaNi ? "SHA-NI" : "portable", size_str(static_cast<std::uint64_t>(limit)).c_str(),
                 throughput / limit);
  });
}

}  // namespace sa::adapter
