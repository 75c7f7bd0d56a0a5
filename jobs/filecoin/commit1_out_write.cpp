// Writing Commit1Out in serde's declaration order (docs/08-filecoin-formats.md §2.1), streamed.
#include <sstream>

#include "base/error.hpp"
#include "filecoin/commit1_out.hpp"
#include "filecoin/json_out.hpp"
#include "graph/graph_spec.hpp"
#include "tree/tree_shape.hpp"
#include "vanilla/challenges.hpp"

namespace sa::jobs::filecoin {

namespace k = sa::kernels;

namespace {

[[noreturn]] void misfit(const std::string& what) {
  throw Error(ErrorKind::Internal, "Commit1Out: " + what + " does not fit the proof type's shape");
}

// InclusionPath {"path": [PathElement {hashes, index}]} over levels [from, to) of a proof.
void path(JsonOut& j, const k::MerkleProof& p, std::size_t from, std::size_t to, int arity, const char* what) {
  j.begin_object().key("path").begin_array();
  for (std::size_t l = from; l < to; ++l) {
    if (p.arity(l) != arity) misfit(what);
    j.begin_object().key("hashes").begin_array();
    for (const auto& h : p.siblings_per_level[l]) j.bytes32(h);
    j.end_array().key("index").value(p.path_indexes[l]).end_object();
  }
  j.end_array().end_object();
}

// MerkleProof {"data": ProofData}: Single, Sub or Top by the tree's shape.
void merkle(JsonOut& j, const k::MerkleProof& p, const k::TreeShape& shape, const char* what) {
  const auto base = static_cast<std::size_t>(shape.base_height());
  const std::size_t extra = (shape.sub_arity ? 1 : 0) + (shape.top_arity ? 1 : 0);
  if (p.levels() != base + extra || p.path_indexes.size() != p.levels()) misfit(what);
  j.begin_object().key("data").begin_object();
  if (!shape.sub_arity) {
    j.key("Single").begin_object().key("root").bytes32(p.root).key("leaf").bytes32(p.leaf).key("path");
    path(j, p, 0, base, shape.base_arity, what);
  } else {
    j.key(shape.top_arity ? "Top" : "Sub").begin_object().key("base_proof");
    path(j, p, 0, base, shape.base_arity, what);
    j.key("sub_proof");
    path(j, p, base, base + 1, shape.sub_arity, what);
    if (shape.top_arity) {
      j.key("top_proof");
      path(j, p, base + 1, base + 2, shape.top_arity, what);
    }
    j.key("root").bytes32(p.root).key("leaf").bytes32(p.leaf);
  }
  j.end_object().end_object().end_object();
}

// tree_d is a binary SHA-256 tree over the whole sector: always Single.
void tree_d(JsonOut& j, const k::MerkleProof& p, std::uint64_t nodes) {
  std::size_t height = 0;
  while ((std::uint64_t{1} << height) < nodes) ++height;
  if (p.levels() != height) misfit("comm_d_proofs");
  j.begin_object().key("data").begin_object().key("Single").begin_object();
  j.key("root").bytes32(p.root).key("leaf").bytes32(p.leaf).key("path");
  path(j, p, 0, height, 2, "comm_d_proofs");
  j.end_object().end_object().end_object();
}

void column(JsonOut& j, const k::ColumnProof& c, const k::TreeShape& shape, int layers) {
  if (static_cast<int>(c.labels.size()) != layers) misfit("a column");
  j.begin_object().key("column").begin_object().key("index").value(c.node).key("rows").begin_array();
  for (const auto& l : c.labels) j.bytes32(l);
  j.end_array().key("_h").null().end_object().key("inclusion_proof");
  merkle(j, c.tree_c, shape, "a column's inclusion_proof");
  j.end_object();
}

void parents_proof(JsonOut& j, const k::ChallengeProof& p, int layer) {
  j.begin_object().key("parents").begin_array();
  for (const auto& x : labeling_parents(p, layer)) j.bytes32(x);
  j.end_array().key("layer_index").value(static_cast<std::uint64_t>(layer)).key("node").value(p.challenge).end_object();
}

void challenge(JsonOut& j, const k::ChallengeProof& p, const k::TreeShape& shape, std::uint64_t nodes, int layers) {
  if (p.drg_parents.size() != 6 || p.exp_parents.size() != 8) misfit("the parents of a challenge");
  j.begin_object().key("comm_d_proofs");
  tree_d(j, p.comm_d, nodes);
  j.key("comm_r_last_proof");
  merkle(j, p.comm_r_last, shape, "comm_r_last_proof");
  j.key("replica_column_proofs").begin_object().key("c_x");
  column(j, p.column, shape, layers);
  j.key("drg_parents").begin_array();
  for (const auto& c : p.drg_parents) column(j, c, shape, layers);
  j.end_array().key("exp_parents").begin_array();
  for (const auto& c : p.exp_parents) column(j, c, shape, layers);
  j.end_array().end_object();
  j.key("labeling_proofs").begin_array();
  for (int l = 1; l <= layers; ++l) parents_proof(j, p, l);
  j.end_array().key("encoding_proof");
  parents_proof(j, p, layers);
  j.end_object();
}

}  // namespace

std::string merkle_proof_json(const k::MerkleProof& proof, const k::TreeShape& shape) {
  std::ostringstream out;
  JsonOut j(out);
  merkle(j, proof, shape, "the Merkle proof");
  return out.str();
}

void write_commit1_out(std::ostream& out, const Commit1Out& c1) {
  if (!interactive(c1.proof)) {
    throw Error(ErrorKind::Usage, "Commit1Out of " + c1.proof.name() + ": only V1 and V1_1 (interactive PoRep) are written here");
  }
  const k::GraphSpec spec = k::GraphSpec::for_proof(c1.proof);
  const k::TreeShape shape = k::tree_shape(spec.nodes);
  const k::ChallengeLayout layout = k::interactive_challenge_layout(c1.proof.size());
  if (static_cast<int>(c1.vanilla.partitions.size()) != layout.partitions) misfit("the partition count");
  JsonOut j(out);
  j.begin_object().key("registered_proof").value(c1.proof.name());
  j.key("vanilla_proofs").begin_object().key(shape_key(c1.proof)).begin_array();
  for (const auto& part : c1.vanilla.partitions) {
    if (static_cast<int>(part.size()) != layout.per_partition) misfit("the challenges per partition");
    j.begin_array();
    for (const auto& p : part) challenge(j, p, shape, spec.nodes, spec.layers);
    j.end_array();
  }
  j.end_array().end_object();
  j.key("comm_r").bytes32(c1.comm_r).key("comm_d").bytes32(c1.comm_d).key("replica_id").bytes32(c1.replica_id);
  j.key("seed").bytes32(c1.seed).key("ticket").bytes32(c1.ticket);
  j.key("_sealadapter").begin_object().key("miner").value(c1.miner).key("sector").value(c1.sector).end_object();
  j.end_object();
  if (!out) throw Error(ErrorKind::Io, "Commit1Out: the output stream failed");
}

}  // namespace sa::jobs::filecoin
