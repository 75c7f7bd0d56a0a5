// verify: check C1's vanilla proofs against the public inputs alone (ticket, seed, comm_d, comm_r, the
// sector id), without the sector's data: what `seal` runs before Finalize, and what a flipped byte in the
// replica, a label or a tree makes fail. Inputs: {"ticket", "seed", "comm_d", "comm_r", "proofs": path of
// the Commit1Out}.
// Output: {"valid": bool, "reason"}. An invalid proof is a result, not a job failure.
#include <filesystem>

#include "base/error.hpp"
#include "contract/json_fields.hpp"
#include "filecoin/commit1_out.hpp"
#include "stages/sector_context.hpp"
#include "stages/stage.hpp"

namespace sa::jobs {

namespace k = sa::kernels;

nlohmann::json run_verify(StageContext& ctx) {
  SectorContext s(ctx.manifest);
  const nlohmann::json& in = ctx.manifest.inputs;
  k::PorepPublicInputs pub;
  pub.proof = s.proof;
  pub.miner = s.id.miner;
  pub.sector = s.id.number;
  pub.ticket = hex32_input(in, "ticket");
  pub.seed = hex32_input(in, "seed");
  pub.comm_d = hex32_input(in, "comm_d");
  pub.comm_r = hex32_input(in, "comm_r");
  std::string path = required_field<std::string>(in, "proofs", "inputs");
  if (ctx.mpi.rank() != 0) return nlohmann::json::object();
  if (!std::filesystem::is_regular_file(path)) throw Error(ErrorKind::Usage, "cannot read proofs " + path);
  std::string reason;
  try {
    // The Commit1Out alone, through the strict reader: its own public fields must be the sector's too.
    reason = filecoin::verify_commit1_out(pub, filecoin::read_commit1_out_file(path));
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Corrupt) throw;
    reason = e.what();
  }
  return {{"valid", reason.empty()}, {"reason", reason}, {"proofs", path}};
}

}  // namespace sa::jobs
