// ParentCache: builds a missing file with Filecoin's name and layout, reuses a good one, rebuilds truncated
// and corrupted files (a flipped byte, found by the published digest or by regeneration), leaves no
// temporary files, and concurrent opens of a missing cache (threads, or two processes) end with one correct
// file built once.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>
#include <vector>

#include "base/error.hpp"
#include "graph/parent_cache.hpp"
#include "graph/parents.hpp"
#include "support/temp_dir.hpp"

namespace sa::kernels {
namespace {

namespace fs = std::filesystem;

const GraphSpec kSpec2KiB = GraphSpec::for_proof(params::SealProof{5});       // published digest
const GraphSpec kSpecSynthetic = GraphSpec::for_proof(params::SealProof{10});  // no digest, 64 nodes

std::vector<std::uint32_t> expected(const GraphSpec& spec) {
  std::vector<std::uint32_t> v(spec.nodes * kParentsPerNode);
  generate_parents(spec, 0, spec.nodes, v.data());
  return v;
}

bool same(const ParentCache& cache, const std::vector<std::uint32_t>& want) {
  return std::equal(want.begin(), want.end(), cache.data());
}

void flip_byte(const fs::path& path, std::uint64_t offset) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(offset));
  char c = 0;
  f.read(&c, 1);
  c = static_cast<char>(c ^ 0x10);
  f.seekp(static_cast<std::streamoff>(offset));
  f.write(&c, 1);
}

std::size_t files_in(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

TEST(ParentCache, BuildsAMissingFileThenReusesIt) {
  test::TempDir dir;
  const fs::path sub = dir.path() / "not" / "yet";
  {
    const ParentCache cache = ParentCache::open(sub, kSpec2KiB);
    EXPECT_TRUE(cache.rebuilt());
    EXPECT_EQ(cache.path(), sub / ParentCache::file_name(kSpec2KiB));
    EXPECT_EQ(fs::file_size(cache.path()), parent_cache_bytes(64));
    EXPECT_TRUE(same(cache, expected(kSpec2KiB)));
    EXPECT_EQ(cache.parents(10)[0], 9u);
  }
  const ParentCache again = ParentCache::open(sub, kSpec2KiB);
  EXPECT_FALSE(again.rebuilt());
  EXPECT_EQ(files_in(sub), 2u);  // the cache and its lock file, no temporaries
}

TEST(ParentCache, RebuildsATruncatedFile) {
  test::TempDir dir;
  const fs::path path = ParentCache::open(dir.path(), kSpec2KiB).path();
  fs::resize_file(path, 1000);
  const ParentCache cache = ParentCache::open(dir.path(), kSpec2KiB);
  EXPECT_TRUE(cache.rebuilt());
  EXPECT_TRUE(same(cache, expected(kSpec2KiB)));
}

TEST(ParentCache, FlippedByteFailsThePublishedDigest) {
  test::TempDir dir;
  const fs::path path = ParentCache::open(dir.path(), kSpec2KiB).path();
  flip_byte(path, 1777);
  const ParentCache cache = ParentCache::open(dir.path(), kSpec2KiB);
  EXPECT_TRUE(cache.rebuilt());
  EXPECT_TRUE(same(cache, expected(kSpec2KiB)));
}

TEST(ParentCache, FlippedByteFailsRegenerationWithoutADigest) {
  test::TempDir dir;
  ASSERT_FALSE(ParentCache::published_digest(kSpecSynthetic));
  const fs::path path = ParentCache::open(dir.path(), kSpecSynthetic).path();
  flip_byte(path, 3583);
  const ParentCache cache = ParentCache::open(dir.path(), kSpecSynthetic);
  EXPECT_TRUE(cache.rebuilt());
  EXPECT_TRUE(same(cache, expected(kSpecSynthetic)));
}

TEST(ParentCache, SampledCheckOfALargeGraphAlwaysCoversFirstAndLastNode) {
  test::TempDir dir;
  const GraphSpec spec{100000, 2, params::SealProof{15}.porep_id(), false};
  ParentCacheOptions options;
  options.verify_sample_nodes = 64;
  options.threads = 2;
  const fs::path path = ParentCache::open(dir.path(), spec, options).path();
  flip_byte(path, parent_cache_bytes(spec.nodes) - 3);
  const ParentCache cache = ParentCache::open(dir.path(), spec, options);
  EXPECT_TRUE(cache.rebuilt());
  EXPECT_EQ(cache.parents(spec.nodes - 1)[0], spec.nodes - 2);
}

TEST(ParentCache, WithoutVerifyOnlyTheSizeIsChecked) {
  test::TempDir dir;
  const fs::path path = ParentCache::open(dir.path(), kSpec2KiB).path();
  flip_byte(path, 100);
  ParentCacheOptions options;
  options.verify = false;
  EXPECT_FALSE(ParentCache::open(dir.path(), kSpec2KiB, options).rebuilt());
}

TEST(ParentCache, ConcurrentOpensOfAMissingCacheMakeOneGoodFile) {
  test::TempDir dir;
  const GraphSpec spec = GraphSpec::for_proof(params::SealProof{6});  // 8MiB: 2^18 nodes, published digest
  constexpr int kOpeners = 4;
  std::vector<int> rebuilt(kOpeners, -1);
  std::vector<std::thread> threads;
  for (int i = 0; i < kOpeners; ++i) {
    threads.emplace_back([&, i] {
      const ParentCache cache = ParentCache::open(dir.path(), spec);
      rebuilt[static_cast<std::size_t>(i)] = cache.rebuilt() ? 1 : 0;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(rebuilt.begin(), rebuilt.end(), 1), 1);  // the lock serialises the builders
  EXPECT_EQ(files_in(dir.path()), 2u);
  const ParentCache check = ParentCache::open(dir.path(), spec);
  EXPECT_FALSE(check.rebuilt());  // it passed the published SHA-256
}

TEST(ParentCache, ConcurrentProcessesMakeOneGoodFile) {
  test::TempDir dir;
  const GraphSpec spec = GraphSpec::for_proof(params::SealProof{1});  // 8MiB V1 (legacy), published digest
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {  // two sa-job processes on one node, as two sealings starting together
    int code = 2;
    try {
      code = ParentCache::open(dir.path(), spec).rebuilt() ? 1 : 0;
    } catch (...) {
    }
    ::_exit(code);
  }
  const bool parent_rebuilt = ParentCache::open(dir.path(), spec).rebuilt();
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_LE(WEXITSTATUS(status), 1) << "the child's open threw";
  EXPECT_EQ((parent_rebuilt ? 1 : 0) + WEXITSTATUS(status), 1);
  EXPECT_EQ(files_in(dir.path()), 2u);
  EXPECT_FALSE(ParentCache::open(dir.path(), spec).rebuilt());
}

TEST(ParentCache, InMemoryMatchesGeneration) {
  ParentCache cache = ParentCache::in_memory(kSpecSynthetic, 2);
  EXPECT_TRUE(cache.path().empty());
  EXPECT_TRUE(same(cache, expected(kSpecSynthetic)));
  const ParentCache moved = std::move(cache);  // the buffer moves with it
  EXPECT_EQ(moved.nodes(), 64u);
  EXPECT_TRUE(same(moved, expected(kSpecSynthetic)));
}

TEST(ParentCache, BadOptionsAreUsageErrors) {
  test::TempDir dir;
  ParentCacheOptions options;
  options.threads = 0;
  EXPECT_THROW(ParentCache::open(dir.path(), kSpec2KiB, options), Error);
}

}  // namespace
}  // namespace sa::kernels
