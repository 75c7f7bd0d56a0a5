// The C2 contract's leaves: the prover argument vector and its placeholders, the strict C2 envelope reader,
// proofs from a prover's stdout and their lengths, and the parameter-cache check.
#include <gtest/gtest.h>

#include <fstream>

#include "base/error.hpp"
#include "contract/prover_argv.hpp"
#include "filecoin/c2_parameters.hpp"
#include "filecoin/c2_proof.hpp"
#include "filecoin/commit2_in.hpp"
#include "support/temp_dir.hpp"
#include "support/test_parameters.hpp"

namespace sa::jobs {
namespace {

TEST(ProverArgv, PlaceholdersAreFilledInsideArgumentsAndNothingIsShellParsed) {
  std::vector<std::string> argv = {"lotus-bench", "prove", "--miner-addr", "t0{miner}", "{input}", "--out={output}",
                                   "s{sector}; rm -rf /"};
  ASSERT_EQ(prover_argv_problem(argv), "");
  auto e = expand_prover_argv(argv, {"/a b/in.json", "/o", 1000, 7});
  EXPECT_EQ(e, (std::vector<std::string>{"lotus-bench", "prove", "--miner-addr", "t01000", "/a b/in.json", "--out=/o",
                                          "s7; rm -rf /"}));
  EXPECT_TRUE(prover_writes_output(argv));
  EXPECT_FALSE(prover_writes_output({"p", "{input}"}));
}

TEST(ProverArgv, UnusableVectorsSayWhy) {
  EXPECT_NE(prover_argv_problem({}).find("program"), std::string::npos);
  EXPECT_NE(prover_argv_problem({"", "{input}"}).find("program"), std::string::npos);
  EXPECT_NE(prover_argv_problem({"{input}"}).find("program name"), std::string::npos);
  EXPECT_NE(prover_argv_problem({"p", "x"}).find("{input}"), std::string::npos);
  EXPECT_NE(prover_argv_problem({"p", "{input}", "{gpu}"}).find("unknown placeholder {gpu}"), std::string::npos);
  EXPECT_NE(prover_argv_problem({"p", "{input"}).find("unclosed"), std::string::npos);
  EXPECT_NE(prover_argv_problem({"p", "input}"}).find("'}'"), std::string::npos);
  EXPECT_NE(prover_argv_problem({"p", "{input}\n"}).find("control character"), std::string::npos);
  EXPECT_THROW(expand_prover_argv({"p"}, {}), Error);
}

TEST(Commit2In, RoundTripsAndRefusesAnythingElse) {
  const std::string c1 = "{\"registered_proof\":\"StackedDrg2KiBV1_1\"}";
  const std::string text = filecoin::commit2_in_json(9, c1, 2048);
  EXPECT_EQ(text.rfind("{\"SectorNum\":9,\"Phase1Out\":\"", 0), 0u);
  auto in = filecoin::read_commit2_in(text);
  EXPECT_EQ(in.sector_number, 9u);
  EXPECT_EQ(in.sector_size, 2048u);
  EXPECT_EQ(in.phase1_out, c1);
  auto refused = [](const std::string& t, const std::string& says) {
    try {
      filecoin::read_commit2_in(t);
      ADD_FAILURE() << "accepted " << t;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Corrupt);
      EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
    }
  };
  refused("[]", "not a JSON object");
  refused(R"({"SectorNum":1,"Phase1Out":"e30=","SectorSize":2048,"Extra":1})", "unexpected field \"Extra\"");
  refused(R"({"Phase1Out":"e30=","SectorSize":2048})", "missing \"SectorNum\"");
  refused(R"({"SectorNum":-1,"Phase1Out":"e30=","SectorSize":2048})", "SectorNum");
  refused(R"({"SectorNum":"1","Phase1Out":"e30=","SectorSize":2048})", "SectorNum");
  refused(R"({"SectorNum":1,"Phase1Out":"e30=","SectorSize":4096})", "not a sector size");
  refused(R"({"SectorNum":1,"Phase1Out":"e30","SectorSize":2048})", "base64");
  refused(R"({"SectorNum":1,"Phase1Out":"e3!=","SectorSize":2048})", "base64");
  refused(R"({"SectorNum":1,"Phase1Out":"","SectorSize":2048})", "empty");
  refused(R"({"SectorNum":1,"SectorSize":2048})", "missing \"Phase1Out\"");
}

TEST(Commit2Proof, LengthsArePartitionsTimes192) {
  EXPECT_EQ(filecoin::commit2_proof_bytes(*params::seal_proof_from_id(5)), 192u);    // 2KiB
  EXPECT_EQ(filecoin::commit2_proof_bytes(*params::seal_proof_from_id(7)), 192u);    // 512MiB
  EXPECT_EQ(filecoin::commit2_proof_bytes(*params::seal_proof_from_id(8)), 1920u);   // 32GiB
  EXPECT_EQ(filecoin::commit2_proof_bytes(*params::seal_proof_from_id(9)), 1920u);   // 64GiB
  EXPECT_EQ(filecoin::commit2_proof_problem(std::string(192, 'x'), *params::seal_proof_from_id(5)), "");
  EXPECT_NE(filecoin::commit2_proof_problem(std::string(191, 'x'), *params::seal_proof_from_id(5)).find("191 bytes"),
            std::string::npos);
  EXPECT_NE(filecoin::commit2_proof_problem(std::string(192, 'x'), *params::seal_proof_from_id(8)).find("1920"),
            std::string::npos);
}

TEST(Commit2Proof, TheLastProofLineOfStdoutIsTheProof) {
  EXPECT_EQ(filecoin::proof_from_prover_stdout("starting\nproof: 00ff\n"), std::string("\x00\xff", 2));
  EXPECT_EQ(filecoin::proof_from_prover_stdout("proof: 0a\r\nproof: 0B\n"), std::string("\x0b"));
  EXPECT_EQ(filecoin::proof_from_prover_stdout("no proof here\n"), std::nullopt);
  EXPECT_EQ(filecoin::proof_from_prover_stdout("the proof: 00\n"), std::nullopt) << "only a line that starts with it";
  EXPECT_THROW(filecoin::proof_from_prover_stdout("proof: abc\n"), Error);
  EXPECT_THROW(filecoin::proof_from_prover_stdout("proof: zz\n"), Error);
}

TEST(Parameters, NamesComeFromParametersJson) {
  auto f = filecoin::parameter_files(params::SectorSize::S32GiB);
  EXPECT_EQ(f.params, "v28-stacked-proof-of-replication-merkletree-poseidon_hasher-8-8-0-sha256_hasher-"
                      "82a357d2f2ca81dc61bb45f4a762807aedee1b0a53fd6c4e77b46a01bfef7820.params");
  EXPECT_EQ(f.public_inputs, 328);
  EXPECT_EQ(filecoin::verifying_key_bytes(f.public_inputs), 32356u);
  auto small = filecoin::parameter_files(params::SectorSize::S2KiB);
  EXPECT_EQ(small.vk, "v28-stacked-proof-of-replication-merkletree-poseidon_hasher-8-0-0-sha256_hasher-"
                      "032d3138d22506ec0082ed72b2dcba18df18477904e35bafee82b3793b06832f.vk");
  EXPECT_EQ(filecoin::verifying_key_bytes(small.public_inputs), 4708u);
}

TEST(Parameters, TheCheckNamesTheFileThatIsMissingShortOrFromAnotherDownload) {
  test::TempDir dir;
  const auto size = params::SectorSize::S2KiB;
  const auto f = filecoin::parameter_files(size);
  EXPECT_NE(filecoin::parameter_problem(dir.path(), size).find(f.params + " is missing"), std::string::npos);
  test::write_test_parameters(dir.path(), size);
  EXPECT_EQ(filecoin::parameter_problem(dir.path(), size), "");
  EXPECT_NE(filecoin::parameter_problem(dir.path(), params::SectorSize::S8MiB).find("missing"), std::string::npos);

  std::filesystem::resize_file(dir / f.vk, 4000);
  EXPECT_NE(filecoin::parameter_problem(dir.path(), size).find("4000 bytes, not 4708"), std::string::npos);
  test::write_test_parameters(dir.path(), size);
  {
    std::fstream vk(dir / f.vk, std::ios::in | std::ios::out | std::ios::binary);
    vk.seekp(10);
    vk.put('\x55');
  }
  EXPECT_NE(filecoin::parameter_problem(dir.path(), size).find("does not begin with the verifying key"), std::string::npos);
  test::write_test_parameters(dir.path(), size);
  {
    std::fstream vk(dir / f.vk, std::ios::in | std::ios::out | std::ios::binary);
    vk.seekp(867);
    vk.put('\x29');  // 41 IC points
  }
  EXPECT_NE(filecoin::parameter_problem(dir.path(), size).find("41 IC points, not 40"), std::string::npos);
  std::filesystem::remove(dir / f.vk);
  EXPECT_NE(filecoin::parameter_problem(dir.path(), size).find(f.vk + " is missing"), std::string::npos);
}

}  // namespace
}  // namespace sa::jobs
