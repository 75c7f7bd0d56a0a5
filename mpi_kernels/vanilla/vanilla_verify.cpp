// Verifying vanilla proofs: every check a Commit2 circuit enforces, done directly (proofs.md §8.2).
#include <array>

#include "graph/graph_spec.hpp"
#include "hash/poseidon.hpp"
#include "porep/encode.hpp"
#include "sdr/replica_id.hpp"
#include "tree/comm_r.hpp"
#include "tree/tree_d_proof.hpp"
#include "vanilla/challenges.hpp"
#include "vanilla/label_check.hpp"
#include "vanilla/vanilla_proof.hpp"

namespace sa::kernels {

namespace {

std::string check_column(const ColumnProof& c, std::uint64_t expected_node, int layers, const Commitment& comm_c) {
  if (c.node != expected_node) return "column of node " + std::to_string(c.node) + " where the graph says " + std::to_string(expected_node);
  if (static_cast<int>(c.labels.size()) != layers) return "column of node " + std::to_string(c.node) + " has the wrong number of labels";
  std::vector<std::uint8_t> flat;
  for (const auto& l : c.labels) flat.insert(flat.end(), l.begin(), l.end());
  Commitment hash{};
  try {
    poseidon_hash_bytes(flat.data(), layers, hash.data());
  } catch (const std::exception&) {
    return "column of node " + std::to_string(c.node) + " holds a value outside the field";
  }
  if (hash != c.tree_c.leaf) return "column hash of node " + std::to_string(c.node) + " is not the tree_c leaf";
  if (!verify_merkle_proof(c.tree_c, comm_c, c.node)) return "tree_c inclusion of node " + std::to_string(c.node) + " fails";
  return {};
}

std::string check_challenge(const PorepPublicInputs& pub, const VanillaProofs& vp, const ParentGenerator& graph,
                            const Commitment& rid, int layers, const ChallengeProof& p) {
  const std::uint64_t c = p.challenge;
  if (!verify_tree_d_proof(p.comm_d, pub.comm_d, c)) return "tree_d inclusion (comm_d) fails";
  if (auto e = check_column(p.column, c, layers, vp.comm_c); !e.empty()) return e;
  std::uint32_t parents[kParentsPerNode];
  graph.node_parents(c, parents);
  if (p.drg_parents.size() != kBaseDegree || p.exp_parents.size() != kExpanderDegree) return "wrong number of parent columns";
  std::array<Commitment, kBaseDegree> base{};
  std::array<Commitment, kExpanderDegree> exp{};
  for (int i = 0; i < kBaseDegree; ++i) {
    if (auto e = check_column(p.drg_parents[static_cast<std::size_t>(i)], parents[i], layers, vp.comm_c); !e.empty()) return e;
  }
  for (int i = 0; i < kExpanderDegree; ++i) {
    if (auto e = check_column(p.exp_parents[static_cast<std::size_t>(i)], parents[kBaseDegree + i], layers, vp.comm_c); !e.empty()) return e;
  }
  // Every layer's label of c follows from its parents' labels (base: same layer, expander: the one before).
  for (int l = 1; l <= layers; ++l) {
    for (int i = 0; i < kBaseDegree; ++i) base[static_cast<std::size_t>(i)] = p.drg_parents[static_cast<std::size_t>(i)].labels[static_cast<std::size_t>(l - 1)];
    for (int i = 0; i < kExpanderDegree && l > 1; ++i) exp[static_cast<std::size_t>(i)] = p.exp_parents[static_cast<std::size_t>(i)].labels[static_cast<std::size_t>(l - 2)];
    if (label_from_parents(rid, l, c, base.data(), exp.data()) != p.column.labels[static_cast<std::size_t>(l - 1)]) {
      return "label of layer " + std::to_string(l) + " does not match its parents";
    }
  }
  if (!verify_merkle_proof(p.comm_r_last, vp.comm_r_last, c)) return "tree_r_last inclusion fails";
  // Encoding: replica = key (last layer) + data.
  Commitment replica = p.comm_d.leaf;
  try {
    encode_nodes(p.column.labels.back().data(), replica.data(), 1);
  } catch (const std::exception&) {
    return "data node outside the field";
  }
  if (replica != p.comm_r_last.leaf) return "the replica node is not key + data";
  return {};
}

}  // namespace

std::string verify_vanilla_proofs(const PorepPublicInputs& pub, const VanillaProofs& vp) {
  if (comm_r(vp.comm_c, vp.comm_r_last) != pub.comm_r) return "comm_r is not Poseidon(comm_c, comm_r_last)";
  GraphSpec spec = GraphSpec::for_proof(pub.proof);
  ParentGenerator graph(spec);
  Commitment rid = replica_id(pub.miner, pub.sector, pub.ticket, pub.comm_d, pub.proof.porep_id());
  ChallengeLayout layout = interactive_challenge_layout(pub.proof.size());
  if (static_cast<int>(vp.partitions.size()) != layout.partitions) {
    return std::to_string(vp.partitions.size()) + " partitions where " + std::to_string(layout.partitions) + " are required";
  }
  for (int k = 0; k < layout.partitions; ++k) {
    std::vector<std::uint64_t> expected = interactive_challenges(rid, pub.seed, spec.nodes, layout, k);
    const auto& proofs = vp.partitions[static_cast<std::size_t>(k)];
    if (proofs.size() != expected.size()) return "partition " + std::to_string(k) + " has the wrong number of challenges";
    for (std::size_t i = 0; i < proofs.size(); ++i) {
      std::string where = "partition " + std::to_string(k) + " challenge " + std::to_string(i) + " (node " +
                          std::to_string(expected[i]) + "): ";
      if (proofs[i].challenge != expected[i]) return where + "proves node " + std::to_string(proofs[i].challenge) + " instead";
      if (auto e = check_challenge(pub, vp, graph, rid, spec.layers, proofs[i]); !e.empty()) return where + e;
    }
  }
  return {};
}

}  // namespace sa::kernels
