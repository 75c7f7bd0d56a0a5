// Vanilla proofs <-> JSON.
#include "stages/proof_json.hpp"

#include "base/error.hpp"

namespace sa::jobs {

namespace k = sa::kernels;

namespace {

k::Commitment hex(const nlohmann::json& j) {
  if (!j.is_string()) throw Error(ErrorKind::Corrupt, "proof: expected a hex string");
  try {
    return k::commitment_from_hex(j.get<std::string>());
  } catch (const Error& e) {
    throw Error(ErrorKind::Corrupt, std::string("proof: ") + e.what());
  }
}

nlohmann::json column_json(const k::ColumnProof& c) {
  nlohmann::json labels = nlohmann::json::array();
  for (const auto& l : c.labels) labels.push_back(k::to_hex(l));
  return {{"node", c.node}, {"labels", labels}, {"tree_c", to_json(c.tree_c)}};
}

k::ColumnProof column_from_json(const nlohmann::json& j) {
  k::ColumnProof c;
  c.node = j.at("node").get<std::uint64_t>();
  for (const auto& l : j.at("labels")) c.labels.push_back(hex(l));
  c.tree_c = merkle_proof_from_json(j.at("tree_c"));
  return c;
}

template <typename F>
auto parse(const char* what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::Corrupt, std::string("malformed ") + what + ": " + e.what());
  }
}

}  // namespace

nlohmann::json to_json(const k::MerkleProof& p) {
  nlohmann::json path = nlohmann::json::array();
  for (std::size_t l = 0; l < p.levels(); ++l) {
    nlohmann::json sibs = nlohmann::json::array();
    for (const auto& s : p.siblings_per_level[l]) sibs.push_back(k::to_hex(s));
    path.push_back({p.path_indexes[l], sibs});
  }
  return {{"leaf", k::to_hex(p.leaf)}, {"root", k::to_hex(p.root)}, {"path", path}};
}

nlohmann::json to_json(const k::ChallengeProof& p) {
  nlohmann::json drg = nlohmann::json::array(), exp = nlohmann::json::array();
  for (const auto& c : p.drg_parents) drg.push_back(column_json(c));
  for (const auto& c : p.exp_parents) exp.push_back(column_json(c));
  return {{"challenge", p.challenge}, {"comm_d_proof", to_json(p.comm_d)}, {"column", column_json(p.column)},
          {"drg_parents", drg}, {"exp_parents", exp}, {"comm_r_last_proof", to_json(p.comm_r_last)}};
}

nlohmann::json to_json(const k::VanillaProofs& p) {
  nlohmann::json parts = nlohmann::json::array();
  for (const auto& part : p.partitions) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& c : part) arr.push_back(to_json(c));
    parts.push_back(arr);
  }
  return {{"schema", "sealadapter/vanilla-proofs"}, {"version", 1}, {"comm_c", k::to_hex(p.comm_c)},
          {"comm_r_last", k::to_hex(p.comm_r_last)}, {"partitions", parts}};
}

k::MerkleProof merkle_proof_from_json(const nlohmann::json& j) {
  return parse("merkle proof", [&] {
    k::MerkleProof p;
    p.leaf = hex(j.at("leaf"));
    p.root = hex(j.at("root"));
    for (const auto& level : j.at("path")) {
      p.path_indexes.push_back(level.at(0).get<std::uint32_t>());
      std::vector<k::Commitment> sibs;
      for (const auto& s : level.at(1)) sibs.push_back(hex(s));
      p.siblings_per_level.push_back(std::move(sibs));
    }
    return p;
  });
}

k::ChallengeProof challenge_proof_from_json(const nlohmann::json& j) {
  return parse("challenge proof", [&] {
    k::ChallengeProof p;
    p.challenge = j.at("challenge").get<std::uint64_t>();
    p.comm_d = merkle_proof_from_json(j.at("comm_d_proof"));
    p.column = column_from_json(j.at("column"));
    for (const auto& c : j.at("drg_parents")) p.drg_parents.push_back(column_from_json(c));
    for (const auto& c : j.at("exp_parents")) p.exp_parents.push_back(column_from_json(c));
    p.comm_r_last = merkle_proof_from_json(j.at("comm_r_last_proof"));
    return p;
  });
}

k::VanillaProofs vanilla_proofs_from_json(const nlohmann::json& j) {
  return parse("vanilla proofs", [&] {
    if (j.value("schema", "") != "sealadapter/vanilla-proofs") throw Error(ErrorKind::Corrupt, "not a vanilla proofs file");
    k::VanillaProofs p;
    p.comm_c = hex(j.at("comm_c"));
    p.comm_r_last = hex(j.at("comm_r_last"));
    for (const auto& part : j.at("partitions")) {
      std::vector<k::ChallengeProof> arr;
      for (const auto& c : part) arr.push_back(challenge_proof_from_json(c));
      p.partitions.push_back(std::move(arr));
    }
    return p;
  });
}

}  // namespace sa::jobs
