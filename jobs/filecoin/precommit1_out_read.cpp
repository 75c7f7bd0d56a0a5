// The strict PreCommit1Out reader, written from the format (rust-filecoin-proofs-api seal.rs, merkletree's
// StoreConfig, storage-proofs-porep's Labels), not from the writer.
#include "base/error.hpp"
#include "filecoin/base64.hpp"
#include "filecoin/commit1_out.hpp"
#include "filecoin/precommit1_out.hpp"
#include "filecoin/strict_json.hpp"

namespace sa::jobs::filecoin {

using nlohmann::json;

namespace {

const StrictJson kDoc{"PreCommit1Out"};

// One StoreConfig, which must be the store PC1 leaves: `id`, `size` nodes, no rows discarded.
std::string store(const json& j, const std::string& where, const std::string& id, std::uint64_t size) {
  kDoc.object(j, where, {"path", "id", "size", "rows_to_discard"});
  const std::string& path = kDoc.string(j["path"], where + ".path");
  if (kDoc.string(j["id"], where + ".id") != id) kDoc.refuse(where + ".id", "\"" + j["id"].get<std::string>() + "\", expected \"" + id + "\"");
  if (j["size"].is_null()) kDoc.refuse(where + ".size", "null; PC2 needs the store's size (" + std::to_string(size) + ")");
  if (std::uint64_t got = kDoc.uint(j["size"], where + ".size"); got != size) {
    kDoc.refuse(where + ".size", std::to_string(got) + " nodes, but this sector size's " + id + " has " + std::to_string(size));
  }
  if (kDoc.uint(j["rows_to_discard"], where + ".rows_to_discard") != 0) kDoc.refuse(where + ".rows_to_discard", "PC1 discards no rows");
  return path;
}

params::SealProof proof_named(const json& j) {
  const std::string& name = kDoc.string(j, "registered_proof");
  if (auto p = params::seal_proof_from_name(name)) return *p;
  kDoc.refuse("registered_proof", "unknown proof \"" + name + "\"");
}

}  // namespace

PreCommit1Out read_precommit1_out(const json& doc) {
  if (!doc.is_object()) kDoc.refuse("the document", std::string("expected an object, got ") + doc.type_name());
  std::initializer_list<const char*> rust = {"registered_proof", "labels", "config", "comm_d"};
  const bool lotus = doc.contains("_lotus_SealRandomness"), ours = doc.contains("_sealadapter");
  if (lotus && ours) kDoc.object(doc, "the document", {"registered_proof", "labels", "config", "comm_d", "_lotus_SealRandomness", "_sealadapter"});
  else if (lotus) kDoc.object(doc, "the document", {"registered_proof", "labels", "config", "comm_d", "_lotus_SealRandomness"});
  else if (ours) kDoc.object(doc, "the document", {"registered_proof", "labels", "config", "comm_d", "_sealadapter"});
  else kDoc.object(doc, "the document", rust);

  PreCommit1Out d;
  d.proof = proof_named(doc["registered_proof"]);
  const std::uint64_t nodes = params::nodes(d.proof.size());
  const int layers = params::sdr_layers(d.proof.size());
  const std::string key = shape_key(d.proof);
  const json& labels = kDoc.variant(doc["labels"], "labels", key);
  kDoc.object(labels, "labels." + key, {"labels", "_h"});
  if (!labels["_h"].is_null()) kDoc.refuse("labels." + key + "._h", "must be null (PhantomData)");
  const json& stores = kDoc.array(labels["labels"], "labels." + key + ".labels", static_cast<std::size_t>(layers));
  for (int l = 1; l <= layers; ++l) {
    store(stores[static_cast<std::size_t>(l - 1)], "labels." + key + ".labels[" + std::to_string(l - 1) + "]",
          "layer-" + std::to_string(l), nodes);
  }
  d.cache_path = store(doc["config"], "config", "tree-d", 2 * nodes - 1);
  d.comm_d = kDoc.bytes32(doc["comm_d"], "comm_d");
  if (lotus) {
    std::string t;
    try {
      t = base64_decode(kDoc.string(doc["_lotus_SealRandomness"], "_lotus_SealRandomness"), "_lotus_SealRandomness");
    } catch (const Error&) {
      kDoc.refuse("_lotus_SealRandomness", "not standard base64");
    }
    if (t.size() != 32) kDoc.refuse("_lotus_SealRandomness", std::to_string(t.size()) + " bytes, a ticket is 32");
    d.ticket = kernels::Commitment{};
    for (std::size_t i = 0; i < 32; ++i) (*d.ticket)[i] = static_cast<std::uint8_t>(t[i]);
  }
  if (ours) {
    const json& s = kDoc.object(doc["_sealadapter"], "_sealadapter", {"miner", "sector"});
    d.miner = kDoc.uint(s["miner"], "_sealadapter.miner");
    d.sector = kDoc.uint(s["sector"], "_sealadapter.sector");
  }
  return d;
}

}  // namespace sa::jobs::filecoin
