// PreCommit1Out as Filecoin's SealPreCommitPhase1Output: the reference's two shape examples (as filecoin-ffi
// returns it, and after Lotus's Go round trip) parse; the writer reproduces the Lotus one byte for byte;
// every broken variant is refused with its JSON path; sizes follow the sector size.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/error.hpp"
#include "filecoin/precommit1_out.hpp"

namespace sa::jobs::filecoin {
namespace {

const std::filesystem::path kRef = std::filesystem::path(SA_SOURCE_DIR) / ".." / "shared" / "reference" / "filecoin-formats";

std::string text_of(const std::string& name) {
  std::ifstream in(kRef / name);
  std::stringstream s;
  s << in.rdbuf();
  std::string t = s.str();
  while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
  return t;
}

TEST(PreCommit1Out, BothReferenceShapesParse) {
  for (const char* name : {"pc1out-2KiB-V1_1.ffi-raw.SKELETON.json", "pc1out-2KiB-V1_1.as-returned-by-lotus-worker.SKELETON.json"}) {
    const std::string t = text_of(name);
    ASSERT_FALSE(t.empty()) << "missing " << (kRef / name);
    auto d = read_precommit1_out(nlohmann::json::parse(t));
    EXPECT_EQ(d.proof.id, 5) << name;
    EXPECT_EQ(d.cache_path, "/storage/cache/s-t01000-7");
    EXPECT_FALSE(d.sector);
  }
  auto lotus = read_precommit1_out(nlohmann::json::parse(text_of("pc1out-2KiB-V1_1.as-returned-by-lotus-worker.SKELETON.json")));
  ASSERT_TRUE(lotus.ticket);
  EXPECT_EQ(*lotus.ticket, kernels::Commitment{});
}

TEST(PreCommit1Out, TheWriterGivesWhatALotusWorkerReturns) {
  PreCommit1Out d;
  d.cache_path = "/storage/cache/s-t01000-7";
  d.ticket = kernels::Commitment{};
  EXPECT_EQ(precommit1_out_json(d), text_of("pc1out-2KiB-V1_1.as-returned-by-lotus-worker.SKELETON.json"));
  d.miner = 1000;
  d.sector = 7;
  d.comm_d[0] = 9;
  const std::string ours = precommit1_out_json(d);
  EXPECT_EQ(ours.rfind("{\"_lotus_SealRandomness\":", 0), 0u) << "Go's sorted keys";
  auto back = read_precommit1_out(nlohmann::json::parse(ours));
  EXPECT_EQ(back.comm_d, d.comm_d);
  EXPECT_EQ(back.miner, 1000u);
  EXPECT_EQ(back.sector, 7u);
}

TEST(PreCommit1Out, SizesFollowTheSectorSize) {
  for (auto [id, layers, label, tree_d] : {std::tuple{6, 2, 262144ull, 524287ull}, std::tuple{7, 2, 16777216ull, 33554431ull},
                                           std::tuple{8, 11, 1073741824ull, 2147483647ull},
                                           std::tuple{9, 11, 2147483648ull, 4294967295ull}}) {
    PreCommit1Out d;
    d.proof = params::SealProof{id};
    auto j = nlohmann::json::parse(precommit1_out_json(d));
    const auto& labels = j["labels"].begin().value()["labels"];
    EXPECT_EQ(labels.size(), static_cast<std::size_t>(layers)) << id;
    EXPECT_EQ(labels.back()["size"], label) << id;
    EXPECT_EQ(labels.back()["id"], "layer-" + std::to_string(layers));
    EXPECT_EQ(j["config"]["size"], tree_d) << id;
    EXPECT_NO_THROW(read_precommit1_out(j));
  }
}

TEST(PreCommit1Out, BrokenDocumentsAreRefusedNamingTheField) {
  const auto good = nlohmann::json::parse(text_of("pc1out-2KiB-V1_1.as-returned-by-lotus-worker.SKELETON.json"));
  auto labels = [](nlohmann::json& j) -> nlohmann::json& { return j["labels"]["StackedDrg2KiBV1"]["labels"]; };
  struct Case {
    const char* name;
    std::function<void(nlohmann::json&)> damage;
    const char* says;
  };
  const Case cases[] = {
      {"missing comm_d", [](auto& j) { j.erase("comm_d"); }, "the document: missing key \"comm_d\""},
      {"unknown key", [](auto& j) { j["extra"] = 1; }, "unknown key \"extra\""},
      {"unknown proof", [](auto& j) { j["registered_proof"] = "StackedDrg4KiBV1_1"; }, "unknown proof"},
      {"proof as a number", [](auto& j) { j["registered_proof"] = 5; }, "registered_proof: expected a string"},
      {"wrong shape key", [](auto& j) { j["labels"] = {{"StackedDrg8MiBV1", j["labels"]["StackedDrg2KiBV1"]}}; },
       "labels: variant \"StackedDrg8MiBV1\", expected \"StackedDrg2KiBV1\""},
      {"_h missing", [](auto& j) { j["labels"]["StackedDrg2KiBV1"].erase("_h"); }, "missing key \"_h\""},
      {"one label", [&](auto& j) { labels(j).erase(1); }, "labels.StackedDrg2KiBV1.labels: 1 values, expected 2"},
      {"layer id", [&](auto& j) { labels(j)[1]["id"] = "layer-3"; }, "labels[1].id: \"layer-3\", expected \"layer-2\""},
      {"label size", [&](auto& j) { labels(j)[0]["size"] = 63; }, "labels[0].size: 63 nodes"},
      {"label size null", [&](auto& j) { labels(j)[0]["size"] = nullptr; }, "PC2 needs the store's size"},
      {"rows discarded", [&](auto& j) { labels(j)[0]["rows_to_discard"] = 2; }, "rows_to_discard"},
      {"tree-d size", [](auto& j) { j["config"]["size"] = 128; }, "config.size: 128 nodes"},
      {"tree-d id", [](auto& j) { j["config"]["id"] = "tree-c"; }, "config.id"},
      {"comm_d short", [](auto& j) { j["comm_d"].erase(0); }, "comm_d: 31 values, expected 32"},
      {"comm_d byte", [](auto& j) { j["comm_d"][3] = 256; }, "comm_d[3]: a byte is 0..255"},
      {"ticket base64", [](auto& j) { j["_lotus_SealRandomness"] = "AAA"; }, "_lotus_SealRandomness: not standard base64"},
      {"ticket length", [](auto& j) { j["_lotus_SealRandomness"] = "AAAA"; }, "3 bytes, a ticket is 32"},
      {"our key", [](auto& j) { j["_sealadapter"] = {{"miner", 1}}; }, "_sealadapter: missing key \"sector\""},
  };
  for (const auto& c : cases) {
    nlohmann::json j = good;
    c.damage(j);
    try {
      read_precommit1_out(j);
      ADD_FAILURE() << c.name << " accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Corrupt) << c.name;
      EXPECT_NE(std::string(e.what()).find(c.says), std::string::npos) << c.name << ": " << e.what();
      EXPECT_EQ(std::string(e.what()).rfind("PreCommit1Out: ", 0), 0u) << e.what();
    }
  }
}

}  // namespace
}  // namespace sa::jobs::filecoin
