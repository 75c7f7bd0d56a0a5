// PreCommit1Out for the Lotus link.
#include "lotus/precommit1_call.hpp"

#include "base/error.hpp"
#include "layout/lotus_paths.hpp"

namespace sa::adapter::lotus {

namespace {

Error bad(const std::string& why) { return Error(ErrorKind::Usage, "PreCommit1Out: " + why); }

}  // namespace

std::string precommit1_out_for(const TaskRecord& pc1, const nlohmann::json& out, const std::string& ticket_hex,
                               const std::filesystem::path& storage_dir) {
  jobs::filecoin::PreCommit1Out d;
  d.proof = pc1.proof;
  d.comm_d = kernels::commitment_from_hex(out.at("comm_d").at("hex").get<std::string>());
  d.cache_path = staging::LotusLayout(storage_dir).cache({pc1.sector.miner, pc1.sector.number}).string();
  d.ticket = kernels::commitment_from_hex(ticket_hex);
  d.miner = pc1.sector.miner;
  d.sector = pc1.sector.number;
  return jobs::filecoin::precommit1_out_json(d);
}

jobs::filecoin::PreCommit1Out checked_precommit1_out(const nlohmann::json& b64, const LotusSector& s, Store& store) {
  if (!b64.is_string()) throw bad("must be base64 bytes");
  const std::string bytes = base64_decode(b64.get<std::string>(), "PreCommit1Out");
  nlohmann::json doc = nlohmann::json::parse(bytes, nullptr, false);
  if (doc.is_discarded()) throw bad("not JSON (" + std::to_string(bytes.size()) + " bytes; truncated?)");
  jobs::filecoin::PreCommit1Out d;
  try {
    d = jobs::filecoin::read_precommit1_out(doc);
  } catch (const Error& e) {
    throw Error(ErrorKind::Usage, e.what());
  }
  if (d.proof.id != s.proof.id) {
    throw bad("registered_proof is " + d.proof.name() + ", the sector's proof type is " + s.proof.name());
  }
  if (d.miner && d.sector && (*d.miner != s.sector.miner || *d.sector != s.sector.number)) {
    throw bad("_sealadapter names sector " + std::to_string(*d.sector) + " of t0" + std::to_string(*d.miner) +
              ", not this call's sector " + std::to_string(s.sector.number));
  }
  auto pc1 = store.find_task(s.sector, TaskType::PreCommit1);
  if (!pc1 || pc1->state != TaskState::Done) {
    throw bad("sector " + std::to_string(s.sector.number) + " has no finished PC1 on this worker; PC2 over another "
              "worker's cache (sc-02-data-layer-<l>.dat) is not read here yet");
  }
  const nlohmann::json out = store.result_of(pc1->id).value_or(nlohmann::json::object());
  if (kernels::to_hex(d.comm_d) != out.at("comm_d").at("hex").get<std::string>()) {
    throw bad("comm_d is not the one this sector's PC1 produced (another sector's document?)");
  }
  if (d.ticket && kernels::to_hex(*d.ticket) != pc1->inputs.value("ticket", "")) {
    throw bad("_lotus_SealRandomness is not the ticket this sector's PC1 used");
  }
  return d;
}

}  // namespace sa::adapter::lotus
