// SHA-256: NIST FIPS 180-4 example vectors through every implementation, SHA-NI == portable on random
// inputs of many lengths, incremental == one-shot, and the dispatcher's contract.
#include <gtest/gtest.h>

#include <string>

#include "base/error.hpp"
#include "hash/sha256.hpp"
#include "hash/sha256_rate.hpp"
#include "test_bytes.hpp"

namespace sa::kernels {
namespace {

using testing::bytes_of;
using testing::hex;
using testing::random_bytes;

std::vector<Sha256Impl> available_impls() {
  std::vector<Sha256Impl> impls = {Sha256Impl::Portable};
  if (sha_ni_available()) impls.push_back(Sha256Impl::ShaNi);
  return impls;
}

struct NistCase {
  std::string message;
  const char* digest;
};

TEST(Sha256, NistVectorsEveryImplementation) {
  const std::vector<NistCase> cases = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopq"
       "rstu",
       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
      {std::string(1000000, 'a'), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
  };
  for (Sha256Impl impl : available_impls()) {
    for (const auto& c : cases) {
      const auto msg = bytes_of(c.message);
      EXPECT_EQ(hex(sha256(msg.data(), msg.size(), impl)), c.digest)
          << sha256_impl_name(impl) << " length " << msg.size();
    }
  }
}

TEST(Sha256, MillionAIncrementalInOddPieces) {
  const std::string piece(997, 'a');
  for (Sha256Impl impl : available_impls()) {
    Sha256 h(impl);
    std::size_t left = 1000000;
    while (left > 0) {
      const std::size_t n = std::min(left, piece.size());
      h.update(reinterpret_cast<const std::uint8_t*>(piece.data()), n);
      left -= n;
    }
    EXPECT_EQ(h.bytes_hashed(), 1000000u);
    EXPECT_EQ(hex(h.finish()), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  }
}

TEST(Sha256, ShaNiMatchesPortableOnManyLengths) {
  if (!sha_ni_available()) GTEST_SKIP() << "this CPU has no SHA-NI; only the portable code can be tested here";
  const auto data = random_bytes(4096 + 200, 42);
  for (std::size_t n = 0; n <= 300; ++n) {
    EXPECT_EQ(sha256(data.data(), n, Sha256Impl::ShaNi), sha256(data.data(), n, Sha256Impl::Portable)) << n;
  }
  for (std::size_t n : {511u, 512u, 513u, 1000u, 4095u, 4096u, 4296u}) {
    EXPECT_EQ(sha256(data.data(), n, Sha256Impl::ShaNi), sha256(data.data(), n, Sha256Impl::Portable)) << n;
  }
}

TEST(Sha256, CompressShaNiMatchesPortableOnRawBlocks) {
  if (!sha_ni_available()) GTEST_SKIP() << "this CPU has no SHA-NI";
  const auto blocks = random_bytes(64 * 37, 7);
  std::uint32_t a[8], b[8];
  for (int k = 0; k < 8; ++k) a[k] = b[k] = 0x01020304u * static_cast<std::uint32_t>(k + 1);
  sha256_compress_portable(a, blocks.data(), 37);
  sha256_compress_shani(b, blocks.data(), 37);
  for (int k = 0; k < 8; ++k) EXPECT_EQ(a[k], b[k]) << k;
}

TEST(Sha256, IncrementalEqualsOneShotForEverySplit) {
  const auto data = random_bytes(200, 3);
  for (Sha256Impl impl : available_impls()) {
    const auto want = sha256(data.data(), data.size(), impl);
    for (std::size_t split = 0; split <= data.size(); ++split) {
      Sha256 h(impl);
      h.update(data.data(), split);
      h.update(data.data() + split, data.size() - split);
      ASSERT_EQ(h.finish(), want) << split;
    }
  }
}

TEST(Sha256, FinishResetsTheHasher) {
  Sha256 h;
  const auto abc = bytes_of("abc");
  h.update(abc.data(), abc.size());
  (void)h.finish();
  h.update(abc.data(), abc.size());
  EXPECT_EQ(hex(h.finish()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, ResolveContract) {
  EXPECT_EQ(resolve(Sha256Impl::Portable), Sha256Impl::Portable);
  EXPECT_EQ(resolve(Sha256Impl::Auto), sha_ni_available() ? Sha256Impl::ShaNi : Sha256Impl::Portable);
  if (sha_ni_available()) {
    EXPECT_EQ(resolve(Sha256Impl::ShaNi), Sha256Impl::ShaNi);
  } else {
    EXPECT_THROW(resolve(Sha256Impl::ShaNi), sa::Error);
  }
  EXPECT_EQ(sha256_impl_name(Sha256Impl::ShaNi), "sha-ni");
}

TEST(Sha256, MeasuredRateIsPlausible) {
  for (Sha256Impl impl : available_impls()) {
    const double rate = measure_sha256_rate(0.02, impl);
    EXPECT_GT(rate, 1e5) << sha256_impl_name(impl);  // even a slow portable build does millions
    EXPECT_LT(rate, 1e10) << sha256_impl_name(impl);
  }
  EXPECT_THROW(measure_sha256_rate(1e9, Sha256Impl::Portable), sa::Error);
}

}  // namespace
}  // namespace sa::kernels
