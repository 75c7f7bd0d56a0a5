// Checking a Commit1Out against the sector it claims to prove.
#include "filecoin/commit1_out.hpp"
#include "sdr/replica_id.hpp"

namespace sa::jobs::filecoin {

std::string verify_commit1_out(const kernels::PorepPublicInputs& pub, const Commit1Out& doc) {
  const kernels::Commitment rid = kernels::replica_id(pub.miner, pub.sector, pub.ticket, pub.comm_d, pub.proof.porep_id());
  if (doc.proof.id != pub.proof.id) return "the Commit1Out is for " + doc.proof.name() + ", not " + pub.proof.name();
  if (doc.has_sector && (doc.miner != pub.miner || doc.sector != pub.sector)) {
    return "the Commit1Out is for sector " + std::to_string(doc.miner) + "/" + std::to_string(doc.sector);
  }
  if (doc.comm_d != pub.comm_d) return "the Commit1Out's comm_d is not the sector's";
  if (doc.comm_r != pub.comm_r) return "the Commit1Out's comm_r is not the sector's";
  if (doc.seed != pub.seed) return "the Commit1Out's seed is not the one given";
  if (doc.ticket != pub.ticket) return "the Commit1Out's ticket is not the one given";
  if (doc.replica_id != rid) return "the Commit1Out's replica_id is not this sector's";
  return kernels::verify_vanilla_proofs(pub, doc.vanilla);
}

}  // namespace sa::jobs::filecoin
