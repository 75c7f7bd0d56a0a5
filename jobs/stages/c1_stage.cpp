// Commit1 (C1): derive the interactive challenges from the seed and build their vanilla proofs from the
// cache; ranks share the challenges (round robin) and rank 0 assembles them in order, verifies the whole
// set (as the Commit2 circuit would) and only then publishes them. Inputs: {"ticket", "seed", "comm_d",
// "comm_r"} (hex32). Output: Filecoin's Commit1Out (SealCommitPhase1Output, docs/08-filecoin-formats.md),
// streamed to cache/commit1-out.json, read back through the strict reader and verified before it is
// published, and its checksum.
#include "base/error.hpp"
#include "filecoin/commit1_out.hpp"
#include "layout/cache_files.hpp"
#include "publish/atomic_stream.hpp"
#include "partition/rank_plan.hpp"
#include "publish/atomic_file.hpp"
#include "publish/checksum.hpp"
#include "sdr/replica_id.hpp"
#include "stages/proof_json.hpp"
#include "stages/sector_trees.hpp"
#include "stages/stage.hpp"
#include "tree/comm_r.hpp"
#include "vanilla/challenges.hpp"

namespace sa::jobs {

namespace k = sa::kernels;

nlohmann::json run_c1(StageContext& ctx) {
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

  SectorTrees trees(s);
  if (k::comm_r(trees.comm_c(), trees.comm_r_last()) != pub.comm_r) {
    throw Error(ErrorKind::Corrupt, "the cache of " + s.name + " does not produce the comm_r given to C1");
  }
  const k::Commitment rid = k::replica_id(pub.miner, pub.sector, pub.ticket, pub.comm_d, s.proof.porep_id());
  const k::ChallengeLayout layout = k::interactive_challenge_layout(s.proof.size());
  std::vector<std::uint64_t> all;
  for (int p = 0; p < layout.partitions; ++p) {
    auto part = k::interactive_challenges(rid, pub.seed, s.nodes, layout, p);
    all.insert(all.end(), part.begin(), part.end());
  }
  k::ParentGenerator graph(k::GraphSpec::for_proof(s.proof));
  nlohmann::json mine = nlohmann::json::object();
  for (int i : k::owned_units(static_cast<int>(all.size()), ctx.mpi.size(), ctx.mpi.rank())) {
    mine[std::to_string(i)] = to_json(k::prove_challenge(trees, graph, s.layers, all[static_cast<std::size_t>(i)]));
  }
  std::vector<std::string> gathered = ctx.mpi.gather_to_root(mine.dump());
  if (ctx.mpi.rank() != 0) return nlohmann::json::object();

  nlohmann::json by_index = nlohmann::json::object();
  for (const std::string& g : gathered) by_index.update(nlohmann::json::parse(g));
  k::VanillaProofs proofs;
  proofs.comm_c = trees.comm_c();
  proofs.comm_r_last = trees.comm_r_last();
  for (int p = 0; p < layout.partitions; ++p) {
    std::vector<k::ChallengeProof> part;
    for (int i = 0; i < layout.per_partition; ++i) {
      part.push_back(challenge_proof_from_json(by_index.at(std::to_string(p * layout.per_partition + i))));
    }
    proofs.partitions.push_back(std::move(part));
  }
  filecoin::Commit1Out doc;
  doc.proof = s.proof;
  doc.comm_r = pub.comm_r;
  doc.comm_d = pub.comm_d;
  doc.replica_id = rid;
  doc.seed = pub.seed;
  doc.ticket = pub.ticket;
  doc.miner = pub.miner;
  doc.sector = pub.sector;
  const auto path = s.cache / staging::commit1_out_name();
  staging::AtomicFileStream out(path);
  doc.vanilla = std::move(proofs);
  filecoin::write_commit1_out(out, doc);
  out.flush();
  // Never publish proofs that would not verify: the bytes every consumer will read, through the strict
  // reader, verified once before they take the file's name.
  const filecoin::Commit1Out back = filecoin::read_commit1_out_file(out.temp_path());
  if (std::string why = k::verify_vanilla_proofs(pub, back.vanilla); !why.empty()) {
    throw Error(ErrorKind::Corrupt, "C1 proofs of " + s.name + " do not verify: " + why);
  }
  out.publish();
  return {{"proofs", path.string()},
          {"checksum", staging::checksum_file(path)},
          {"challenges", all.size()},
          {"partitions", layout.partitions},
          {"verified", true},
          {"comm_c", k::to_hex(back.vanilla.comm_c)},
          {"comm_r_last", k::to_hex(back.vanilla.comm_r_last)},
          {"ranks", ctx.mpi.size()}};
}

}  // namespace sa::jobs
