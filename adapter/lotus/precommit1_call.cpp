// PreCommit1Out for the Lotus link.
#include "lotus/precommit1_call.hpp"

#include "base/error.hpp"
#include "layout/cache_files.hpp"
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

namespace {

// The files another worker's PC1 left, against the document's sizes (N × 32 bytes per label store).
void check_foreign_cache(const jobs::filecoin::PreCommit1Out& d, const LotusSector& s, const std::filesystem::path& storage) {
  const staging::LotusLayout layout(storage);
  const staging::SectorId id{s.sector.miner, s.sector.number};
  const std::uint64_t nodes = params::nodes(d.proof.size());
  auto expect = [&](const std::filesystem::path& p, std::uint64_t bytes, const std::string& field) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) {
      throw bad("sector " + std::to_string(s.sector.number) + " has no PC1 on this worker and " + p.string() +
                " (" + field + ") is not on the shared storage");
    }
    if (std::uint64_t got = std::filesystem::file_size(p, ec); got != bytes) {
      throw bad(field + " says " + std::to_string(bytes / 32) + " nodes but " + p.string() + " holds " + std::to_string(got) + " bytes");
    }
  };
  for (int l = 1; l <= params::sdr_layers(d.proof.size()); ++l) {
    expect(layout.cache(id) / staging::layer_dat_name(l), nodes * 32, "labels[" + std::to_string(l - 1) + "].size");
  }
  expect(layout.cache(id) / staging::tree_d_name(), (2 * nodes - 1) * 32, "config.size");
  expect(layout.sealed(id), nodes * 32, "the sealed file");
}

}  // namespace

Pc2Input checked_precommit1_out(const nlohmann::json& b64, const LotusSector& s, Store& store,
                                const std::filesystem::path& storage_dir) {
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
  if (!pc1) {
    check_foreign_cache(d, s, storage_dir);
    return {d, true};
  }
  if (pc1->state != TaskState::Done) {
    throw bad("sector " + std::to_string(s.sector.number) + "'s PC1 on this worker has not finished (" +
              std::string(task_state_name(pc1->state)) + ")");
  }
  const nlohmann::json out = store.result_of(pc1->id).value_or(nlohmann::json::object());
  if (kernels::to_hex(d.comm_d) != out.at("comm_d").at("hex").get<std::string>()) {
    throw bad("comm_d is not the one this sector's PC1 produced (another sector's document?)");
  }
  if (d.ticket && kernels::to_hex(*d.ticket) != pc1->inputs.value("ticket", "")) {
    throw bad("_lotus_SealRandomness is not the ticket this sector's PC1 used");
  }
  return {d, false};
}

}  // namespace sa::adapter::lotus
