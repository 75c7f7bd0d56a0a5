// Node-pair hashing: every implementation (portable, SHA-NI single stream, 2/3/4 interleaved streams)
// equals trunc254(sha256(64 bytes)), out of place and in place, for pair counts around the stream widths.
#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <string>

#include "base/error.hpp"
#include "hash/node_hash.hpp"
#include "hash/node_hash_detail.hpp"
#include "hash/sha256.hpp"
#include "hash/trunc254.hpp"
#include "test_bytes.hpp"

namespace sa::kernels {
namespace {

using PairsFn = std::function<void(const std::uint8_t*, std::size_t, std::uint8_t*)>;

struct Variant {
  std::string name;
  PairsFn fn;
};

std::vector<Variant> variants() {
  std::vector<Variant> v = {
      {"portable", detail::hash_node_pairs_portable},
      {"dispatch-portable",
       [](const std::uint8_t* in, std::size_t n, std::uint8_t* out) {
         hash_node_pairs(in, n, out, Sha256Impl::Portable);
       }},
      {"dispatch-auto", [](const std::uint8_t* in, std::size_t n, std::uint8_t* out) { hash_node_pairs(in, n, out); }},
  };
  if (sha_ni_available()) {
    v.push_back({"shani-x1", detail::hash_node_pairs_shani_x1});
    v.push_back({"shani-x2", [](const std::uint8_t* in, std::size_t n, std::uint8_t* out) {
                   detail::hash_node_pairs_shani_multi(in, n, out, 2);
                 }});
    v.push_back({"shani-x3", [](const std::uint8_t* in, std::size_t n, std::uint8_t* out) {
                   detail::hash_node_pairs_shani_multi(in, n, out, 3);
                 }});
    v.push_back({"shani-x4", [](const std::uint8_t* in, std::size_t n, std::uint8_t* out) {
                   detail::hash_node_pairs_shani_multi(in, n, out, 4);
                 }});
  }
  return v;
}

std::vector<std::uint8_t> reference_pairs(const std::vector<std::uint8_t>& in, std::size_t npairs) {
  std::vector<std::uint8_t> out(32 * npairs);
  for (std::size_t i = 0; i < npairs; ++i) {
    auto d = sha256(in.data() + 64 * i, 64, Sha256Impl::Portable);
    trunc254(d.data());
    std::memcpy(out.data() + 32 * i, d.data(), 32);
  }
  return out;
}

TEST(NodeHash, KnownZeroPair) {
  // Z[1] of go-commp-utils: parent of two all-zero nodes.
  std::uint8_t zeros[64] = {};
  std::uint8_t out[32];
  for (const auto& v : variants()) {
    v.fn(zeros, 1, out);
    EXPECT_EQ(testing::hex(out, 32), "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb0b") << v.name;
  }
}

TEST(NodeHash, OutOfPlaceMatchesReference) {
  for (std::size_t npairs : {0u, 1u, 2u, 3u, 4u, 5u, 7u, 8u, 9u, 63u, 64u, 65u, 1000u}) {
    const auto in = testing::random_bytes(64 * npairs, 100 + npairs);
    const auto want = reference_pairs(in, npairs);
    for (const auto& v : variants()) {
      std::vector<std::uint8_t> out(32 * npairs + 32, 0xee);
      v.fn(in.data(), npairs, out.data());
      EXPECT_EQ(std::vector<std::uint8_t>(out.begin(), out.begin() + static_cast<long>(32 * npairs)), want)
          << v.name << " npairs " << npairs;
      EXPECT_EQ(out[32 * npairs], 0xee) << v.name << " wrote past the end";
    }
  }
}

TEST(NodeHash, InPlaceHalvingMatchesReference) {
  for (std::size_t npairs : {1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u, 11u, 64u, 129u}) {
    const auto in = testing::random_bytes(64 * npairs, 200 + npairs);
    const auto want = reference_pairs(in, npairs);
    for (const auto& v : variants()) {
      auto buf = in;
      v.fn(buf.data(), npairs, buf.data());
      EXPECT_EQ(std::vector<std::uint8_t>(buf.begin(), buf.begin() + static_cast<long>(32 * npairs)), want)
          << v.name << " npairs " << npairs;
    }
  }
}

TEST(NodeHash, SinglePairHelper) {
  const auto in = testing::random_bytes(64, 9);
  const auto want = reference_pairs(in, 1);
  std::uint8_t node[64];
  std::memcpy(node, in.data(), 64);
  hash_node_pair(node, node + 32, node);  // aliasing the left child is allowed
  EXPECT_EQ(std::vector<std::uint8_t>(node, node + 32), want);
}

TEST(NodeHash, RejectsUnsupportedStreamCount) {
  if (!sha_ni_available()) GTEST_SKIP() << "this CPU has no SHA-NI";
  std::uint8_t buf[64] = {};
  EXPECT_THROW(detail::hash_node_pairs_shani_multi(buf, 1, buf, 5), sa::Error);
}

}  // namespace
}  // namespace sa::kernels
