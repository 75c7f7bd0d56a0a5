// Parameter file names and the pre-flight check of a parameter cache.
#include "filecoin/c2_parameters.hpp"

#include <cstdlib>
#include <fstream>
#include <vector>

namespace sa::jobs::filecoin {

namespace {

// parameters.json: tree shape and the SHA-256 of the public-params identifier, per sector size.
struct Entry {
  params::SectorSize size;
  const char* shape;
  const char* hash;
};
constexpr Entry kEntries[] = {
    {params::SectorSize::S2KiB, "8-0-0", "032d3138d22506ec0082ed72b2dcba18df18477904e35bafee82b3793b06832f"},
    {params::SectorSize::S8MiB, "8-0-0", "ecd683648512ab1765faa2a5f14bab48f676e633467f0aa8aad4b55dcb0652bb"},
    {params::SectorSize::S512MiB, "8-0-0", "6babf46ce344ae495d558e7770a585b2382d54f225af8ed0397b8be7c3fcd472"},
    {params::SectorSize::S32GiB, "8-8-0", "82a357d2f2ca81dc61bb45f4a762807aedee1b0a53fd6c4e77b46a01bfef7820"},
    {params::SectorSize::S64GiB, "8-8-2", "96f1b4a04c5c51e4759bbf224bbc2ef5a42c7100f16ec0637123f16a845ddfb2"},
};

// The IC count stored big-endian after the six fixed points (alpha_g1 … delta_g2, 864 bytes).
constexpr std::size_t kIcCountOffset = 864;

std::vector<char> read_prefix(const std::filesystem::path& p, std::size_t n, bool& ok) {
  std::vector<char> buf(n);
  std::ifstream in(p, std::ios::binary);
  ok = in && in.read(buf.data(), static_cast<std::streamsize>(n)) && in.gcount() == static_cast<std::streamsize>(n);
  return buf;
}

}  // namespace

ParameterFiles parameter_files(params::SectorSize size) {
  for (const Entry& e : kEntries) {
    if (e.size != size) continue;
    const std::string stem = std::string("v28-stacked-proof-of-replication-merkletree-poseidon_hasher-") + e.shape +
                             "-sha256_hasher-" + e.hash;
    return {stem + ".params", stem + ".vk", params::sdr_layers(size) == 11 ? 328 : 40};
  }
  return {};
}

std::filesystem::path default_parameter_cache() {
  const char* env = std::getenv("FIL_PROOFS_PARAMETER_CACHE");
  return env && *env ? std::filesystem::path(env) : std::filesystem::path("/var/tmp/filecoin-proof-parameters");
}

std::string parameter_problem(const std::filesystem::path& dir, params::SectorSize size) {
  const ParameterFiles f = parameter_files(size);
  const std::string what = std::string(params::sector_size_name(size)) + " parameter file ";
  const std::filesystem::path vk = dir / f.vk, prm = dir / f.params;
  std::error_code ec;
  for (const auto& p : {prm, vk}) {
    if (!std::filesystem::is_regular_file(p, ec)) {
      return what + p.string() + " is missing (fetch it with `lotus fetch-params " +
             std::string(params::sector_size_name(size)) + "` or `paramfetch`, into FIL_PROOFS_PARAMETER_CACHE)";
    }
  }
  const std::uint64_t want = verifying_key_bytes(f.public_inputs);
  const std::uint64_t vk_size = std::filesystem::file_size(vk, ec);
  if (vk_size != want) {
    return what + vk.string() + " is " + std::to_string(vk_size) + " bytes, not " + std::to_string(want) +
           " (truncated or another file)";
  }
  bool ok = false;
  std::vector<char> key = read_prefix(vk, want, ok);
  if (!ok) return what + vk.string() + " cannot be read";
  std::uint32_t ic = 0;
  for (int i = 0; i < 4; ++i) ic = (ic << 8) | static_cast<unsigned char>(key[kIcCountOffset + i]);
  if (ic != static_cast<std::uint32_t>(f.public_inputs)) {
    return what + vk.string() + " holds " + std::to_string(ic) + " IC points, not " + std::to_string(f.public_inputs);
  }
  if (std::filesystem::file_size(prm, ec) <= want) return what + prm.string() + " is too short to hold its key";
  std::vector<char> head = read_prefix(prm, want, ok);
  if (!ok) return what + prm.string() + " cannot be read";
  if (head != key) return what + prm.string() + " does not begin with the verifying key in " + vk.filename().string() +
                              " (the two files come from different downloads)";
  return "";
}

}  // namespace sa::jobs::filecoin
