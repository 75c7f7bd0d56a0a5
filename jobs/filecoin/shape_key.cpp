// Names shared by Filecoin's documents.
#include "filecoin/commit1_out.hpp"

namespace sa::jobs::filecoin {

bool interactive(params::SealProof proof) {
  return proof.version() == params::ProofVersion::V1 || proof.version() == params::ProofVersion::V1_1;
}

std::string shape_key(params::SealProof proof) {
  return "StackedDrg" + std::string(params::sector_size_name(proof.size())) + "V1";
}

std::vector<kernels::Commitment> labeling_parents(const kernels::ChallengeProof& p, int layer) {
  std::vector<kernels::Commitment> base;
  const auto row = static_cast<std::size_t>(layer - 1);
  for (const auto& c : p.drg_parents) base.push_back(c.labels.at(row));
  if (layer > 1) {
    for (const auto& c : p.exp_parents) base.push_back(c.labels.at(row - 1));
  }
  std::vector<kernels::Commitment> out;
  for (std::size_t i = 0; i < 37 && !base.empty(); ++i) out.push_back(base[i % base.size()]);
  return out;
}

}  // namespace sa::jobs::filecoin
