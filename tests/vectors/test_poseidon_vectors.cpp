// Poseidon against upstream vectors: neptune__poseidon-test-vectors.txt (MerkleTree hash type, Standard and
// Strengthened, every arity; ConstantLength(4) sponge; round numbers), rust-fil-proofs__filecoin-hashers-
// poseidon.txt (binary tree over [1,0,0,1], hash_md of 71 ones) and derived__poseidon-bls12-381-constants.txt
// (every round constant and MDS entry for t = 3, 9, 12). Both permutations are checked on every vector.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "field/fr.hpp"
#include "hash/poseidon.hpp"
#include "hash/poseidon_constants.hpp"
#include "vector_files.hpp"

namespace sa::kernels {
namespace {

using namespace sa::vectors;

std::string hex_le(const Fr& x) {
  std::uint8_t b[32];
  x.to_bytes_le(b);
  return hex_of(b, 32);
}

// "0x…" big-endian hex of a canonical integer (the constants file).
Fr fr_from_hex_be(std::string hex) {
  if (hex.rfind("0x", 0) == 0) hex = hex.substr(2);
  auto bytes = bytes_from_hex(hex);
  EXPECT_EQ(bytes.size(), 32u);
  std::reverse(bytes.begin(), bytes.end());
  return Fr::from_bytes_le(bytes.data());
}

std::vector<std::string> data_lines(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& l : split_lines(text)) {
    if (!is_comment_or_blank(l)) out.push_back(l);
  }
  return out;
}

PoseidonStrength strength_of(const std::string& s) {
  EXPECT_TRUE(s == "standard" || s == "strengthened") << s;
  return s == "standard" ? PoseidonStrength::Standard : PoseidonStrength::Strengthened;
}

// Output of both permutations on `state`, which must agree; returns state[1].
Fr permute_both(std::vector<Fr> state, const PoseidonConstants& c) {
  std::vector<Fr> ref = state;
  poseidon_permute_reference(ref.data(), c);
  poseidon_permute(state.data(), c);
  EXPECT_EQ(hex_le(state[1]), hex_le(ref[1]));
  return state[1];
}

// neptune Sponge (Simplex mode) over ConstantLength(4): absorb adds into state[1..arity], permuting before
// each new block once the rate is used up; squeeze permutes once more and reads state[1].
Fr constant_length4_sponge(const PoseidonConstants& c) {
  std::vector<Fr> state(static_cast<std::size_t>(c.width));
  state[0] = Fr::from_canonical(Fr::Limbs{0, 4, 0, 0});  // 4 · 2^64
  int pos = 0;
  for (std::uint64_t v = 0; v < 4; ++v) {
    if (pos == c.arity) {
      poseidon_permute(state.data(), c);
      pos = 0;
    }
    state[static_cast<std::size_t>(1 + pos++)] += Fr::from_u64(v);
  }
  return permute_both(state, c);
}

TEST(PoseidonVectors, NeptuneHashValues) {
  SA_LOAD_VECTOR_FILE(text, "neptune__poseidon-test-vectors.txt");
  const std::regex row(R"(^(A_merkletree|B_constlen4_sponge) \| (\d+) \| (standard|strengthened) \| ([0-9a-f]{64})$)");
  std::map<std::string, int> seen;
  for (const auto& l : data_lines(text)) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(l, m, row)) << "vector line not understood: " << l;
    const int arity = std::stoi(m[2]);
    const PoseidonConstants& c = poseidon_constants(arity, strength_of(m[3]));
    Fr out;
    if (m[1] == "A_merkletree") {
      std::vector<Fr> state(static_cast<std::size_t>(c.width));
      state[0] = c.domain_tag;
      for (int i = 0; i < arity; ++i) state[static_cast<std::size_t>(i + 1)] = Fr::from_u64(static_cast<std::uint64_t>(i));
      out = permute_both(state, c);
      if (c.strength == PoseidonStrength::Standard) {
        EXPECT_EQ(hex_le(poseidon_hash(state.data() + 1, arity)), m[4].str()) << l;
      }
    } else {
      out = constant_length4_sponge(c);
    }
    EXPECT_EQ(hex_le(out), m[4].str()) << l;
    ++seen[m[1].str() + "/" + m[3].str()];
  }
  for (const char* key : {"A_merkletree/standard", "A_merkletree/strengthened", "B_constlen4_sponge/standard",
                          "B_constlen4_sponge/strengthened"}) {
    EXPECT_EQ(seen[key], 7) << key;  // every arity 2, 4, 8, 11, 16, 24, 36
  }
}

TEST(PoseidonVectors, NeptuneRoundNumbers) {
  SA_LOAD_VECTOR_FILE(text, "neptune__poseidon-test-vectors.txt");
  const std::string comments = joined_comments(split_lines(text));
  const std::regex standard(R"(t=(\d+):\((\d+),(\d+)\))");
  int n = 0;
  for (auto it = std::sregex_iterator(comments.begin(), comments.end(), standard); it != std::sregex_iterator(); ++it) {
    const auto rounds = poseidon_rounds(std::stoi((*it)[1]) - 1);
    EXPECT_EQ(rounds.full, std::stoi((*it)[2]));
    EXPECT_EQ(rounds.partial, std::stoi((*it)[3]));
    ++n;
  }
  EXPECT_EQ(n, 7);
  const std::regex strengthened(R"((\d+)->(\d+))");  // "Strengthened R_P …: arity 2->69, 4->70, …"
  n = 0;
  for (auto it = std::sregex_iterator(comments.begin(), comments.end(), strengthened); it != std::sregex_iterator();
       ++it) {
    EXPECT_EQ(poseidon_rounds(std::stoi((*it)[1]), PoseidonStrength::Strengthened).partial, std::stoi((*it)[2]));
    ++n;
  }
  EXPECT_EQ(n, 7);
}

TEST(PoseidonVectors, FilecoinHashers) {
  SA_LOAD_VECTOR_FILE(text, "rust-fil-proofs__filecoin-hashers-poseidon.txt");
  std::map<std::string, std::string> values;
  const std::regex row(R"(^(\w+)\s*=\s*([0-9a-f]{64})$)");
  for (const auto& l : data_lines(text)) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(l, m, row)) << "vector line not understood: " << l;
    values[m[1]] = m[2];
  }
  ASSERT_EQ(values.size(), 3u);
  const Fr one = Fr::one(), zero;
  const Fr leaves_a[2] = {one, zero}, leaves_b[2] = {zero, one};
  const Fr node4 = poseidon_hash(leaves_a, 2), node5 = poseidon_hash(leaves_b, 2);
  EXPECT_EQ(hex_le(node4), values["node4"]);
  EXPECT_EQ(hex_le(poseidon_hash_reference(leaves_a, 2)), values["node4"]);
  const Fr level1[2] = {node4, node5};
  EXPECT_EQ(hex_le(poseidon_hash(level1, 2)), values["root"]);

  // hash_md: acc = x0; acc = Poseidon36([acc] ++ next 35 elements), twice for 71 elements.
  Fr acc = one;
  for (int chunk = 0; chunk < 2; ++chunk) {
    std::vector<Fr> in(36, one);
    in[0] = acc;
    acc = poseidon_hash(in.data(), 36);
  }
  EXPECT_EQ(hex_le(acc), values["hash_md_71_ones"]);
}

TEST(PoseidonVectors, DerivedConstantsForWidths3And9And12) {
  SA_LOAD_VECTOR_FILE(text, "derived__poseidon-bls12-381-constants.txt");
  const std::regex header(R"(^## arity (\d+)\s+t=(\d+)\s+R_F=(\d+)\s+R_P=(\d+)\s+constants=(\d+).*)");
  const std::regex rc_row(R"(^rc\[(\d+)\] = (0x[0-9a-f]{64})$)");
  const std::regex mds_row(R"(^mds\[(\d+)\]\[(\d+)\] = (0x[0-9a-f]{64})$)");
  const PoseidonConstants* c = nullptr;
  std::map<int, int> rc_seen, mds_seen;
  for (const auto& l : split_lines(text)) {
    std::smatch m;
    if (std::regex_match(l, m, header)) {
      c = &poseidon_constants(std::stoi(m[1]));
      EXPECT_EQ(c->width, std::stoi(m[2]));
      EXPECT_EQ(c->full_rounds, std::stoi(m[3]));
      EXPECT_EQ(c->partial_rounds, std::stoi(m[4]));
      EXPECT_EQ(c->round_constants.size(), std::stoul(m[5]));
      continue;
    }
    if (is_comment_or_blank(l)) continue;
    ASSERT_NE(c, nullptr) << "data before the first section: " << l;
    if (std::regex_match(l, m, rc_row)) {
      const auto i = std::stoul(m[1]);
      ASSERT_LT(i, c->round_constants.size());
      EXPECT_EQ(c->round_constants[i], fr_from_hex_be(m[2])) << l;
      ++rc_seen[c->width];
    } else if (std::regex_match(l, m, mds_row)) {
      const auto i = std::stoul(m[1]), j = std::stoul(m[2]);
      const auto t = static_cast<std::size_t>(c->width);
      ASSERT_LT(i, t);
      ASSERT_LT(j, t);
      EXPECT_EQ(c->mds[i * t + j], fr_from_hex_be(m[3])) << l;
      ++mds_seen[c->width];
    } else {
      ADD_FAILURE() << "vector line not understood: " << l;
    }
  }
  EXPECT_EQ(rc_seen[3], 189);
  EXPECT_EQ(rc_seen[9], 585);
  EXPECT_EQ(rc_seen[12], 780);
  EXPECT_EQ(mds_seen[3], 9);
  EXPECT_EQ(mds_seen[9], 81);
  EXPECT_EQ(mds_seen[12], 144);
}

}  // namespace
}  // namespace sa::kernels
