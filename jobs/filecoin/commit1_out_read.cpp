// The strict Commit1Out reader (docs/08-filecoin-formats.md §2): every object must have exactly the keys
// of its Rust struct, every enum one known variant, every array the length the proof type implies.
#include <fstream>

#include "base/error.hpp"
#include "filecoin/commit1_out.hpp"
#include "filecoin/strict_json.hpp"
#include "graph/graph_spec.hpp"
#include "tree/tree_shape.hpp"
#include "vanilla/challenges.hpp"

namespace sa::jobs::filecoin {

namespace k = sa::kernels;
using nlohmann::json;

namespace {

const StrictJson kDoc{"Commit1Out"};

[[noreturn]] void refuse(const std::string& where, const std::string& what) { kDoc.refuse(where, what); }
const json& object(const json& j, const std::string& where, std::initializer_list<const char*> keys) {
  return kDoc.object(j, where, keys);
}
const json& array(const json& j, const std::string& where, std::size_t length) { return kDoc.array(j, where, length); }
std::uint64_t uint(const json& j, const std::string& where) { return kDoc.uint(j, where); }
k::Commitment bytes32(const json& j, const std::string& where) { return kDoc.bytes32(j, where); }
const json& variant(const json& j, const std::string& where, const std::string& expected) {
  return kDoc.variant(j, where, expected);
}

// InclusionPath levels appended to `p`, each with arity − 1 hashes.
void path(const json& j, const std::string& where, std::size_t levels, int arity, k::MerkleProof& p) {
  const json& elems = array(object(j, where, {"path"})["path"], where + ".path", levels);
  for (std::size_t l = 0; l < levels; ++l) {
    const std::string at = where + ".path[" + std::to_string(l) + "]";
    const json& e = object(elems[l], at, {"hashes", "index"});
    const json& hashes = array(e["hashes"], at + ".hashes", static_cast<std::size_t>(arity - 1));
    std::vector<k::Commitment> sibs;
    for (std::size_t h = 0; h < hashes.size(); ++h) sibs.push_back(bytes32(hashes[h], at + ".hashes[" + std::to_string(h) + "]"));
    const std::uint64_t index = uint(e["index"], at + ".index");
    if (index >= static_cast<std::uint64_t>(arity)) refuse(at + ".index", std::to_string(index) + " is not below the arity " + std::to_string(arity));
    p.siblings_per_level.push_back(std::move(sibs));
    p.path_indexes.push_back(static_cast<std::uint32_t>(index));
  }
}

k::MerkleProof merkle(const json& j, const std::string& where, const k::TreeShape& shape) {
  const json& data = object(j, where, {"data"})["data"];
  const std::string kind = !shape.sub_arity ? "Single" : shape.top_arity ? "Top" : "Sub";
  const std::string at = where + ".data." + kind;
  const json& v = variant(data, where + ".data", kind);
  const auto base = static_cast<std::size_t>(shape.base_height());
  k::MerkleProof p;
  if (kind == "Single") {
    object(v, at, {"root", "leaf", "path"});
    path(v["path"], at + ".path", base, shape.base_arity, p);
  } else {
    if (kind == "Sub") object(v, at, {"base_proof", "sub_proof", "root", "leaf"});
    else object(v, at, {"base_proof", "sub_proof", "top_proof", "root", "leaf"});
    path(v["base_proof"], at + ".base_proof", base, shape.base_arity, p);
    path(v["sub_proof"], at + ".sub_proof", 1, shape.sub_arity, p);
    if (kind == "Top") path(v["top_proof"], at + ".top_proof", 1, shape.top_arity, p);
  }
  p.root = bytes32(v["root"], at + ".root");
  p.leaf = bytes32(v["leaf"], at + ".leaf");
  return p;
}

k::ColumnProof column(const json& j, const std::string& where, const k::TreeShape& shape, int layers) {
  object(j, where, {"column", "inclusion_proof"});
  const json& col = object(j["column"], where + ".column", {"index", "rows", "_h"});
  if (!col["_h"].is_null()) refuse(where + ".column._h", "must be null (PhantomData)");
  k::ColumnProof c;
  c.node = uint(col["index"], where + ".column.index");
  if (c.node > 0xffffffffull) refuse(where + ".column.index", "does not fit a u32");
  const json& rows = array(col["rows"], where + ".column.rows", static_cast<std::size_t>(layers));
  for (std::size_t r = 0; r < rows.size(); ++r) c.labels.push_back(bytes32(rows[r], where + ".column.rows[" + std::to_string(r) + "]"));
  c.tree_c = merkle(j["inclusion_proof"], where + ".inclusion_proof", shape);
  return c;
}

// A labelling or encoding proof: it must say what the columns say.
void parents_proof(const json& j, const std::string& where, const k::ChallengeProof& p, int layer) {
  object(j, where, {"parents", "layer_index", "node"});
  const json& parents = array(j["parents"], where + ".parents", 37);
  const std::vector<k::Commitment> implied = labeling_parents(p, layer);
  for (std::size_t i = 0; i < parents.size(); ++i) {
    if (bytes32(parents[i], where + ".parents[" + std::to_string(i) + "]") != implied[i]) {
      refuse(where + ".parents[" + std::to_string(i) + "]", "is not the label the parents' columns hold");
    }
  }
  if (uint(j["layer_index"], where + ".layer_index") != static_cast<std::uint64_t>(layer)) {
    refuse(where + ".layer_index", "expected " + std::to_string(layer));
  }
  if (uint(j["node"], where + ".node") != p.challenge) refuse(where + ".node", "is not the challenge " + std::to_string(p.challenge));
}

k::ChallengeProof challenge(const json& j, const std::string& where, const k::TreeShape& shape, std::uint64_t nodes, int layers) {
  object(j, where, {"comm_d_proofs", "comm_r_last_proof", "replica_column_proofs", "labeling_proofs", "encoding_proof"});
  k::ChallengeProof p;
  {
    const json& data = object(j["comm_d_proofs"], where + ".comm_d_proofs", {"data"})["data"];
    const std::string at = where + ".comm_d_proofs.data.Single";
    const json& v = object(variant(data, where + ".comm_d_proofs.data", "Single"), at, {"root", "leaf", "path"});
    std::size_t height = 0;
    while ((std::uint64_t{1} << height) < nodes) ++height;
    path(v["path"], at + ".path", height, 2, p.comm_d);
    p.comm_d.root = bytes32(v["root"], at + ".root");
    p.comm_d.leaf = bytes32(v["leaf"], at + ".leaf");
  }
  p.comm_r_last = merkle(j["comm_r_last_proof"], where + ".comm_r_last_proof", shape);
  const std::string rc = where + ".replica_column_proofs";
  const json& cols = object(j["replica_column_proofs"], rc, {"c_x", "drg_parents", "exp_parents"});
  p.column = column(cols["c_x"], rc + ".c_x", shape, layers);
  p.challenge = p.column.node;
  const json& drg = array(cols["drg_parents"], rc + ".drg_parents", 6);
  for (std::size_t i = 0; i < 6; ++i) p.drg_parents.push_back(column(drg[i], rc + ".drg_parents[" + std::to_string(i) + "]", shape, layers));
  const json& exp = array(cols["exp_parents"], rc + ".exp_parents", 8);
  for (std::size_t i = 0; i < 8; ++i) p.exp_parents.push_back(column(exp[i], rc + ".exp_parents[" + std::to_string(i) + "]", shape, layers));
  const json& labeling = array(j["labeling_proofs"], where + ".labeling_proofs", static_cast<std::size_t>(layers));
  for (int l = 1; l <= layers; ++l) {
    parents_proof(labeling[static_cast<std::size_t>(l - 1)], where + ".labeling_proofs[" + std::to_string(l - 1) + "]", p, l);
  }
  parents_proof(j["encoding_proof"], where + ".encoding_proof", p, layers);
  return p;
}

}  // namespace

Commit1Out read_commit1_out(const json& doc) {
  if (!doc.is_object()) refuse("the document", "expected an object, got " + std::string(doc.type_name()));
  const bool ours = doc.contains("_sealadapter");
  if (ours) object(doc, "the document", {"registered_proof", "vanilla_proofs", "comm_r", "comm_d", "replica_id", "seed", "ticket", "_sealadapter"});
  else object(doc, "the document", {"registered_proof", "vanilla_proofs", "comm_r", "comm_d", "replica_id", "seed", "ticket"});
  Commit1Out c1;
  if (!doc["registered_proof"].is_string()) refuse("registered_proof", "expected a proof name string, got " + doc["registered_proof"].dump());
  const std::string name = doc["registered_proof"];
  auto named = params::seal_proof_from_name(name);
  if (!named) refuse("registered_proof", "unknown proof \"" + name + "\"");
  c1.proof = *named;
  if (!interactive(c1.proof)) refuse("registered_proof", name + ": only V1 and V1_1 (interactive PoRep) are read here");
  const k::GraphSpec spec = k::GraphSpec::for_proof(c1.proof);
  const k::TreeShape shape = k::tree_shape(spec.nodes);
  const k::ChallengeLayout layout = k::interactive_challenge_layout(c1.proof.size());
  const std::string key = shape_key(c1.proof);
  const json& parts = array(variant(doc["vanilla_proofs"], "vanilla_proofs", key), "vanilla_proofs." + key,
                            static_cast<std::size_t>(layout.partitions));
  for (std::size_t pi = 0; pi < parts.size(); ++pi) {
    const std::string at = "vanilla_proofs." + key + "[" + std::to_string(pi) + "]";
    const json& part = array(parts[pi], at, static_cast<std::size_t>(layout.per_partition));
    std::vector<k::ChallengeProof> proofs;
    for (std::size_t ci = 0; ci < part.size(); ++ci) {
      proofs.push_back(challenge(part[ci], at + "[" + std::to_string(ci) + "]", shape, spec.nodes, spec.layers));
    }
    c1.vanilla.partitions.push_back(std::move(proofs));
  }
  // The roots every proof must share (the verifier checks each against these).
  c1.vanilla.comm_c = c1.vanilla.partitions.at(0).at(0).column.tree_c.root;
  c1.vanilla.comm_r_last = c1.vanilla.partitions.at(0).at(0).comm_r_last.root;
  c1.comm_r = bytes32(doc["comm_r"], "comm_r");
  c1.comm_d = bytes32(doc["comm_d"], "comm_d");
  c1.replica_id = bytes32(doc["replica_id"], "replica_id");
  c1.seed = bytes32(doc["seed"], "seed");
  c1.ticket = bytes32(doc["ticket"], "ticket");
  c1.has_sector = ours;
  if (ours) {
    const json& s = object(doc["_sealadapter"], "_sealadapter", {"miner", "sector"});
    c1.miner = uint(s["miner"], "_sealadapter.miner");
    c1.sector = uint(s["sector"], "_sealadapter.sector");
  }
  return c1;
}

k::MerkleProof merkle_proof_from_json(const json& j, const k::TreeShape& shape) { return merkle(j, "the proof", shape); }

Commit1Out read_commit1_out_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::Io, "cannot read " + path.string());
  json doc = json::parse(in, nullptr, false);
  if (doc.is_discarded()) refuse(path.string(), "not JSON");
  return read_commit1_out(doc);
}

}  // namespace sa::jobs::filecoin
