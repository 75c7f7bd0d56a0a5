// Real sectors' Commit1Out (issue 10 §5): 2KiB and 8MiB, CC and with data, sealed by the real sa-job; the
// document alone, read through the strict reader, proves its sector (every Merkle path, label and
// encoding); one flipped byte anywhere in it makes it fail.
#include <fstream>
#include <random>

#include "base/error.hpp"
#include "filecoin/commit1_out.hpp"
#include "integration/pipeline_harness.hpp"
#include "support/file_text.hpp"

namespace sa::test {
namespace {

const std::string kTicket = std::string(62, '4') + "0c";
const std::string kSeed = std::string(60, 'd') + "0e0f";

kernels::PorepPublicInputs public_inputs(params::SealProof proof, std::uint64_t sector, const PipelineHarness::Sealed& s) {
  kernels::PorepPublicInputs pub;
  pub.proof = proof;
  pub.miner = 1000;
  pub.sector = sector;
  pub.ticket = kernels::commitment_from_hex(kTicket);
  pub.seed = kernels::commitment_from_hex(kSeed);
  pub.comm_d = kernels::commitment_from_hex(s.pc1["comm_d"]["hex"].get<std::string>());
  pub.comm_r = kernels::commitment_from_hex(s.pc2["comm_r"]["hex"].get<std::string>());
  return pub;
}

// "" when the text proves the sector; else why not (the strict reader's refusal included).
std::string check(const std::string& text, const kernels::PorepPublicInputs& pub) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) return "not JSON";
  try {
    return jobs::filecoin::verify_commit1_out(pub, jobs::filecoin::read_commit1_out(doc));
  } catch (const Error& e) {
    return e.what();
  }
}

void expect_proves_its_sector(params::SealProof proof, bool with_data) {
  PipelineHarness h(proof);
  nlohmann::json pieces = nlohmann::json::array();
  if (with_data) {
    auto data = h.root() / "deal.bin";
    std::mt19937 rng(3);
    std::string bytes(1500, '\0');
    for (auto& c : bytes) c = static_cast<char>(rng());
    std::ofstream(data, std::ios::binary) << bytes;
    pieces = nlohmann::json::array({{{"kind", "file"}, {"path", data.string()}}});
  }
  auto s = h.seal(2, pieces, kTicket, kSeed);
  const std::string text = file_text(s.c1["proofs"].get<std::string>());
  const auto doc = nlohmann::json::parse(text);
  EXPECT_EQ(doc["registered_proof"], proof.name());
  EXPECT_EQ(doc["_sealadapter"]["sector"], 2);
  const auto pub = public_inputs(proof, 2, s);
  EXPECT_EQ(check(text, pub), "") << proof.name();
  auto other = pub;
  other.sector = 3;
  EXPECT_NE(check(text, other), "") << "another sector's public inputs";
}

TEST(Commit1OutSectors, CcAndDataSectorsOf2KiBAnd8MiBProveThemselves) {
  expect_proves_its_sector(params::SealProof{5}, false);
  expect_proves_its_sector(params::SealProof{5}, true);
  expect_proves_its_sector(params::SealProof{6}, false);
  expect_proves_its_sector(params::SealProof{6}, true);
}

TEST(Commit1OutSectors, OneFlippedByteAnywhereFails) {
  const params::SealProof proof{5};
  PipelineHarness h(proof);
  auto s = h.seal(4, nlohmann::json::array(), kTicket, kSeed);
  const std::string text = file_text(s.c1["proofs"].get<std::string>());
  const auto pub = public_inputs(proof, 4, s);
  ASSERT_EQ(check(text, pub), "");
  std::mt19937_64 rng(11);
  std::vector<std::size_t> offsets = {0, 1, text.size() - 1, text.find("_h"), text.find("encoding_proof") + 20,
                                      text.find("labeling_proofs") + 30, text.find("\"seed\"") + 9, text.find("_sealadapter") + 20};
  for (int i = 0; i < 400; ++i) offsets.push_back(static_cast<std::size_t>(rng() % text.size()));
  for (std::size_t at : offsets) {
    std::string bad = text;
    bad[at] = static_cast<char>(bad[at] ^ 0x01);
    EXPECT_NE(check(bad, pub), "") << "byte " << at << " ('" << text[at] << "') flipped and it still proves the sector: "
                                   << text.substr(at > 40 ? at - 40 : 0, 80);
  }
}

}  // namespace
}  // namespace sa::test
