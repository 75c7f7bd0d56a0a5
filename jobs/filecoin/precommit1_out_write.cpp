// Writing PreCommit1Out as Lotus returns it.
#include "filecoin/base64.hpp"
#include "filecoin/commit1_out.hpp"
#include "filecoin/precommit1_out.hpp"

namespace sa::jobs::filecoin {

namespace {

nlohmann::json bytes_array(const kernels::Commitment& c) {
  nlohmann::json a = nlohmann::json::array();
  for (auto b : c) a.push_back(b);
  return a;
}

// merkletree's StoreConfig; nlohmann's objects keep keys sorted, as Go's json.Marshal of a map does.
nlohmann::json store_config(const std::string& path, const std::string& id, std::uint64_t size) {
  return {{"path", path}, {"id", id}, {"size", size}, {"rows_to_discard", 0}};
}

}  // namespace

std::string precommit1_out_json(const PreCommit1Out& d) {
  const std::uint64_t nodes = params::nodes(d.proof.size());
  nlohmann::json labels = nlohmann::json::array();
  for (int l = 1; l <= params::sdr_layers(d.proof.size()); ++l) {
    labels.push_back(store_config(d.cache_path, "layer-" + std::to_string(l), nodes));
  }
  nlohmann::json doc = {{"registered_proof", d.proof.name()},
                        {"labels", {{shape_key(d.proof), {{"labels", labels}, {"_h", nullptr}}}}},
                        {"config", store_config(d.cache_path, "tree-d", 2 * nodes - 1)},
                        {"comm_d", bytes_array(d.comm_d)}};
  if (d.ticket) {
    doc["_lotus_SealRandomness"] = base64_encode(std::string_view(reinterpret_cast<const char*>(d.ticket->data()), 32));
  }
  if (d.miner && d.sector) doc["_sealadapter"] = {{"miner", *d.miner}, {"sector", *d.sector}};
  return doc.dump();
}

}  // namespace sa::jobs::filecoin
