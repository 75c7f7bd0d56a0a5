// Commit1Out as Filecoin's SealCommitPhase1Output: the strict reader takes the reference's shape example
// and refuses broken variants of it, naming where; the writer gives exactly the example's bytes for the
// same values (serde's field order, no whitespace) and round-trips through the reader; the compound
// shapes (Sub, Top) carry real proofs of small trees built by the project's tree code.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <random>
#include <sstream>

#include "base/error.hpp"
#include "filecoin/commit1_out.hpp"
#include "poseidon_tree_testing.hpp"
#include "tree/compound_tree.hpp"
#include "tree/stored_tree.hpp"
#include "tree/tree_files.hpp"

namespace sa::jobs::filecoin {
namespace {

namespace k = sa::kernels;
using nlohmann::json;
using nlohmann::ordered_json;

const std::filesystem::path kSkeleton =
    std::filesystem::path(SA_SOURCE_DIR) / ".." / "shared" / "reference" / "filecoin-formats" / "c1out-2KiB-V1_1.SKELETON.json";

std::string file_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

json skeleton() {
  if (!std::filesystem::exists(kSkeleton)) ADD_FAILURE() << "missing " << kSkeleton << " (shared/ beside the checkout)";
  return json::parse(file_text(kSkeleton));
}

std::string refusal(const json& doc) {
  try {
    read_commit1_out(doc);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Corrupt);
    return e.what();
  }
  return "";
}

json& proof0(json& doc) { return doc["vanilla_proofs"]["StackedDrg2KiBV1"][0][0]; }

TEST(Commit1Out, TheReferenceShapeExampleParses) {
  const Commit1Out c1 = read_commit1_out(skeleton());
  EXPECT_EQ(c1.proof.id, 5);
  ASSERT_EQ(c1.vanilla.partitions.size(), 1u);
  ASSERT_EQ(c1.vanilla.partitions[0].size(), 2u);
  const auto& p = c1.vanilla.partitions[0][0];
  EXPECT_EQ(p.comm_d.levels(), 6u);
  EXPECT_EQ(p.comm_r_last.levels(), 2u);
  EXPECT_EQ(p.column.labels.size(), 2u);
  EXPECT_EQ(p.drg_parents.size(), 6u);
  EXPECT_EQ(p.exp_parents.size(), 8u);
}

TEST(Commit1Out, BrokenVariantsAreRefusedSayingWhere) {
  const std::vector<std::pair<std::function<void(json&)>, std::string>> cases = {
      {[](json& d) { proof0(d)["extra"] = 1; }, "unknown key \"extra\""},
      {[](json& d) { proof0(d)["replica_column_proofs"]["c_x"]["column"].erase("_h"); }, "c_x.column: missing key \"_h\""},
      {[](json& d) { proof0(d)["replica_column_proofs"]["c_x"]["column"]["_h"] = 0; }, "_h: must be null"},
      {[](json& d) { proof0(d)["labeling_proofs"][0]["_h"] = nullptr; }, "labeling_proofs[0]: unknown key \"_h\""},
      {[](json& d) {
         auto& m = proof0(d)["comm_r_last_proof"]["data"];
         m["Sub"] = m["Single"];
         m.erase("Single");
       }, "variant \"Sub\", expected \"Single\""},
      {[](json& d) { proof0(d)["labeling_proofs"][1]["parents"].erase(0); }, "labeling_proofs[1].parents: 36 values, expected 37"},
      {[](json& d) { d["comm_r"][3] = 256; }, "comm_r[3]: a byte is 0..255"},
      {[](json& d) { d["comm_r"] = std::string(64, '0'); }, "comm_r: expected an array"},
      {[](json& d) { d["registered_proof"] = 5; }, "registered_proof: expected a proof name string"},
      {[](json& d) { d["registered_proof"] = "StackedDrg2KiBV9"; }, "unknown proof"},
      {[](json& d) { d["registered_proof"] = "StackedDrg2KiBV1_1_Feat_SyntheticPoRep"; }, "only V1 and V1_1"},
      {[](json& d) {
         d["vanilla_proofs"]["StackedDrg2KiBV1_1"] = d["vanilla_proofs"]["StackedDrg2KiBV1"];
         d["vanilla_proofs"].erase("StackedDrg2KiBV1");
       }, "expected \"StackedDrg2KiBV1\""},
      {[](json& d) { proof0(d)["replica_column_proofs"]["drg_parents"].erase(0); }, "drg_parents: 5 values, expected 6"},
      {[](json& d) { proof0(d)["replica_column_proofs"]["c_x"]["column"]["rows"].push_back(json::array()); }, "rows: 3 values"},
      {[](json& d) { proof0(d)["labeling_proofs"][0]["parents"][5][0] = 1; }, "is not the label the parents' columns hold"},
      {[](json& d) { proof0(d)["encoding_proof"]["layer_index"] = 1; }, "encoding_proof.layer_index: expected 2"},
      {[](json& d) { proof0(d)["comm_d_proofs"]["data"]["Single"]["path"]["path"].erase(0); }, "comm_d_proofs.data.Single.path.path: 5 values"},
      {[](json& d) { proof0(d)["comm_r_last_proof"]["data"]["Single"]["path"]["path"][0]["index"] = 8; }, "is not below the arity 8"},
      {[](json& d) { d["vanilla_proofs"]["StackedDrg2KiBV1"][0].erase(1); }, "[0]: 1 values, expected 2"},
      {[](json& d) { d.erase("ticket"); }, "missing key \"ticket\""},
      {[](json& d) { d["_sealadapter"] = {{"miner", 1}}; }, "_sealadapter: missing key \"sector\""},
  };
  for (const auto& [breakit, needle] : cases) {
    json doc = skeleton();
    breakit(doc);
    const std::string why = refusal(doc);
    EXPECT_NE(why.find(needle), std::string::npos) << "expected \"" << needle << "\", got \"" << why << "\"";
  }
}

TEST(Commit1Out, TheWriterGivesTheExampleBytesForTheSameValues) {
  Commit1Out c1 = read_commit1_out(skeleton());
  std::ostringstream out;
  write_commit1_out(out, c1);
  // serde's output for these values: the example in its own key order, without whitespace, plus our key.
  ordered_json expected = ordered_json::parse(file_text(kSkeleton));
  expected["_sealadapter"] = {{"miner", 0}, {"sector", 0}};
  EXPECT_EQ(out.str(), expected.dump());
}

// Random values in every field, consistent with the 2KiB shape: written, read back, the same.
TEST(Commit1Out, RandomValuesRoundTrip) {
  std::mt19937_64 rng(7);
  auto random32 = [&] {
    k::Commitment c{};
    for (auto& b : c) b = static_cast<std::uint8_t>(rng());
    return c;
  };
  auto merkle = [&](std::size_t levels, int arity) {
    k::MerkleProof p;
    p.leaf = random32();
    p.root = random32();
    for (std::size_t l = 0; l < levels; ++l) {
      std::vector<k::Commitment> s;
      for (int i = 0; i < arity - 1; ++i) s.push_back(random32());
      p.siblings_per_level.push_back(s);
      p.path_indexes.push_back(static_cast<std::uint32_t>(rng() % static_cast<std::uint64_t>(arity)));
    }
    return p;
  };
  auto column = [&](std::uint64_t node) {
    k::ColumnProof c;
    c.node = node;
    c.labels = {random32(), random32()};
    c.tree_c = merkle(2, 8);
    return c;
  };
  Commit1Out c1;
  c1.proof = params::SealProof{5};
  c1.vanilla.partitions.resize(1);
  for (std::uint64_t ch : {17u, 42u}) {
    k::ChallengeProof p;
    p.challenge = ch;
    p.comm_d = merkle(6, 2);
    p.column = column(ch);
    for (int i = 0; i < 6; ++i) p.drg_parents.push_back(column(rng() % 64));
    for (int i = 0; i < 8; ++i) p.exp_parents.push_back(column(rng() % 64));
    p.comm_r_last = merkle(2, 8);
    c1.vanilla.partitions[0].push_back(p);
  }
  c1.comm_r = random32();
  c1.comm_d = random32();
  c1.replica_id = random32();
  c1.seed = random32();
  c1.ticket = random32();
  c1.miner = 1000;
  c1.sector = 9;
  std::ostringstream out;
  write_commit1_out(out, c1);
  const Commit1Out back = read_commit1_out(json::parse(out.str()));
  EXPECT_EQ(back.comm_r, c1.comm_r);
  EXPECT_EQ(back.ticket, c1.ticket);
  EXPECT_EQ(back.sector, 9u);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto &a = c1.vanilla.partitions[0][i], &b = back.vanilla.partitions[0][i];
    EXPECT_EQ(b.challenge, a.challenge);
    EXPECT_EQ(b.comm_d.siblings_per_level, a.comm_d.siblings_per_level);
    EXPECT_EQ(b.comm_r_last.path_indexes, a.comm_r_last.path_indexes);
    EXPECT_EQ(b.exp_parents[7].labels, a.exp_parents[7].labels);
    EXPECT_EQ(b.drg_parents[2].tree_c.root, a.drg_parents[2].tree_c.root);
  }
  // A wrong count is the writer's error, not a document.
  c1.vanilla.partitions[0].pop_back();
  std::ostringstream bad;
  EXPECT_THROW(write_commit1_out(bad, c1), Error);
}

// Real inclusion proofs of compound trees (4KiB: 8-2-0 = Sub, 32KiB: 8-8-2 = Top) through the document's
// Merkle form and back; they still verify, and the variant is the one the shape implies.
TEST(Commit1Out, CompoundProofsAreSubAndTopAndStillVerify) {
  for (std::uint64_t nodes : {128u, 1024u}) {
    const k::TreeShape shape = k::tree_shape(nodes);
    const auto leaves = k::testing::random_fr_nodes(nodes, nodes);
    const std::uint64_t n = shape.leaves_per_base;
    std::vector<std::vector<std::uint8_t>> files;
    std::vector<k::StoredBaseTree> bases;
    for (int j = 0; j < shape.base_trees; ++j) {
      files.emplace_back(k::tree_c_file_bytes(n));
      k::write_tree_c_file(leaves.data() + 32 * n * static_cast<std::uint64_t>(j), n, files.back().data(), 1);
    }
    for (const auto& f : files) bases.push_back(k::StoredBaseTree::from_tree_c_file(f.data(), f.size(), n));
    const k::CompoundTree tree(shape, std::move(bases));
    for (std::uint64_t node : {std::uint64_t{0}, nodes / 3, nodes - 1}) {
      const k::MerkleProof p = tree.prove(node);
      const json j = json::parse(merkle_proof_json(p, shape));
      const char* kind = shape.top_arity ? "Top" : "Sub";
      ASSERT_TRUE(j["data"].contains(kind)) << j.dump().substr(0, 200);
      EXPECT_EQ(j["data"][kind]["sub_proof"]["path"].size(), 1u);
      EXPECT_EQ(j["data"][kind]["sub_proof"]["path"][0]["hashes"].size(), static_cast<std::size_t>(shape.sub_arity - 1));
      const k::MerkleProof back = merkle_proof_from_json(j, shape);
      EXPECT_TRUE(k::verify_merkle_proof(back, tree.root(), node)) << nodes << " node " << node;
      json broken = j;
      broken["data"][kind]["base_proof"]["path"][0]["hashes"][0][0] = (j["data"][kind]["base_proof"]["path"][0]["hashes"][0][0].get<int>() + 1) % 256;
      EXPECT_FALSE(k::verify_merkle_proof(merkle_proof_from_json(broken, shape), tree.root(), node));
    }
  }
}

}  // namespace
}  // namespace sa::jobs::filecoin
