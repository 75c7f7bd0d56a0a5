// Parent cache file names and the published digests of rust-fil-proofs storage-proofs-porep/
// parent_cache.json (proofs.md §3.4; vectors/rust-fil-proofs__parent-cache-manifest.txt). The digests are
// facts of the Filecoin network: a production cache must hash to exactly these values.
#include <array>
#include <string>
#include <string_view>

#include "graph/parent_cache.hpp"
#include "piece/commitment.hpp"

namespace sa::kernels {

namespace {

struct PublishedDigest {
  std::string_view stem_hex;    // after "v28-sdr-parent-"
  std::string_view digest_hex;  // SHA-256 of the whole file
};

// Registered seal proof ids 0–9; ids 10–19 have no published digest.
constexpr std::array<PublishedDigest, 10> kPublished = {{
    // 2KiB V1 (id 0), V1_1 (id 5)
    {"3f0eef38bb48af1f48ad65e14eb85b4ebfc167cec18cd81764f6d998836c9899",
     "3da49221e2ed55371b86d0bf3d6526fcf128af61bed904f966428db1b531750d"},
    {"494d91dc80f2df5272c4b9e129bc7ade9405225993af9fe34e6542a39a47554b",
     "840057702eea7652cf97e04306c30fe57174714d90de156a25eddd6075c25b97"},
    // 8MiB V1_1 (id 6), V1 (id 1)
    {"5eed212119fd91aa6220a27f31a8966444a9381842bceb3a1ea61525bd47a5b5",
     "03cd13565ded97c240a5f52e54295ad127bd0461b57904cb3a4d79b097bbecab"},
    {"dcdabb0fbe4364bf0ac28b6a18c66de246409fa1a9020a00f33fb3e3053da6dc",
     "a76604f2f59f2744c7151653bbb1d8596b6b57d295e6fa6c1f0c41d725b502ce"},
    // 512MiB V1 (id 2), V1_1 (id 7)
    {"2aa9c77c3e58259481351cc4be2079cc71e1c9af39700866545c043bfa30fb42",
     "3adcc092423aa76d6a7184016893406da44dd974b219a89cd3ece25e4e3018f5"},
    {"7ba215a1d2345774ab90b8cb1158d296e409d6068819d7b8c7baf0b25d63dc34",
     "b5877d1963793efebc261fd8fde4dd6bc59e6b5c7abf52617a4ee023b8dc173a"},
    // 32GiB V1_1 (id 8), V1 (id 3)
    {"21981246c370f9d76c7a77ab273d94bde0ceb4e938292334960bce05585dc117",
     "93deeac5e3052b6927467d4b2641bb782f05491de18d510147c93eeedd8672da"},
    {"e1fa5d5b811ddbd118be3412c4a8c329156b8b8acc72632bca459455b5a05a13",
     "3c4f9841fcc75aed8c695800e58d08480629f25af3a2aefd81904181d75cc0b6"},
    // 64GiB V1_1 (id 9), V1 (id 4)
    {"4905486b7af19558ac3649bc6261411858b6add534438878c4ee3b29d8b9de0b",
     "2698b74eb2606b55b98d8b095e18b6320b47f46e00075956d48640ccd1641b03"},
    {"8a99e8d6b6be7ab87a56b632e6739ff201c23ea14e99737c74690f0e265574d6",
     "2778a732ad46a7dc18e0564dfdf59fd321dcde74ab476fd6d3c4e6735d7cd89c"},
}};

constexpr std::string_view kPrefix = "v28-sdr-parent-";
constexpr std::string_view kSuffix = ".cache";

std::string stem_hex(const GraphSpec& spec) {
  validate(spec);
  const GraphSeeds seeds = graph_seeds(spec.porep_id);
  const std::string identifier =
      "stacked_graph::StackedGraph{expansion_degree: 8 base_graph: drgraph::BucketGraph{size: " +
      std::to_string(spec.nodes) + "; degree: 6; hasher: poseidon_hasher} }";
  Sha256 h;
  const std::string_view hasher = "poseidon_hasher";
  h.update(reinterpret_cast<const std::uint8_t*>(hasher.data()), hasher.size());
  h.update(reinterpret_cast<const std::uint8_t*>(identifier.data()), identifier.size());
  for (const std::uint64_t key : seeds.feistel_keys) {
    std::uint8_t le[8];
    for (std::size_t b = 0; b < 8; ++b) le[b] = static_cast<std::uint8_t>(key >> (8 * b));
    h.update(le, sizeof le);
  }
  const auto n = static_cast<std::uint32_t>(spec.nodes);
  const std::uint8_t n_le[4] = {static_cast<std::uint8_t>(n), static_cast<std::uint8_t>(n >> 8),
                                static_cast<std::uint8_t>(n >> 16), static_cast<std::uint8_t>(n >> 24)};
  h.update(n_le, sizeof n_le);
  return to_hex(h.finish());
}

}  // namespace

std::string ParentCache::file_name(const GraphSpec& spec) {
  return std::string(kPrefix) + stem_hex(spec) + std::string(kSuffix);
}

std::optional<Sha256Digest> ParentCache::published_digest(const GraphSpec& spec) {
  const std::string stem = stem_hex(spec);
  for (const auto& entry : kPublished) {
    if (entry.stem_hex == stem) return commitment_from_hex(entry.digest_hex);
  }
  return std::nullopt;
}

}  // namespace sa::kernels
