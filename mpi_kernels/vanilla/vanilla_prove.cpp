// Building one challenge's vanilla proof from the prover's data.
#include "vanilla/vanilla_proof.hpp"

namespace sa::kernels {

namespace {
ColumnProof column(const ProverData& data, int layers, std::uint64_t node) {
  ColumnProof c;
  c.node = node;
  for (int l = 1; l <= layers; ++l) c.labels.push_back(data.label(l, node));
  c.tree_c = data.tree_c(node);
  return c;
}
}  // namespace

ChallengeProof prove_challenge(const ProverData& data, const ParentGenerator& graph, int layers, std::uint64_t challenge) {
  ChallengeProof p;
  p.challenge = challenge;
  p.comm_d = data.tree_d(challenge);
  p.column = column(data, layers, challenge);
  std::uint32_t parents[kParentsPerNode];
  graph.node_parents(challenge, parents);
  for (int i = 0; i < kBaseDegree; ++i) p.drg_parents.push_back(column(data, layers, parents[i]));
  for (int i = 0; i < kExpanderDegree; ++i) p.exp_parents.push_back(column(data, layers, parents[kBaseDegree + i]));
  p.comm_r_last = data.tree_r_last(challenge);
  return p;
}

}  // namespace sa::kernels
