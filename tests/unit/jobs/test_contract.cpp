// The job contract: manifests and results round-trip, mistakes are named, exit codes map both ways.
#include <gtest/gtest.h>

#include <fstream>

#include "base/error.hpp"
#include "contract/job_batch.hpp"
#include "contract/job_manifest.hpp"
#include "contract/job_result.hpp"
#include "support/temp_dir.hpp"

namespace sa::jobs {
namespace {

JobManifest sample() {
  JobManifest m;
  m.task_id = 12;
  m.attempt = 2;
  m.task_type = "seal/v0/addpiece";
  m.stage = "addpiece";
  m.miner = 1000;
  m.sector = 9;
  m.proof_type = 5;
  m.ranks = 2;
  m.storage_dir = "/shared/storage";
  m.result_path = "/shared/state/r.json";
  m.inputs = {{"pieces", {{{"kind", "zero"}, {"size", 127}}}}};
  return m;
}

TEST(Contract, ManifestRoundTripsThroughAFile) {
  test::TempDir dir;
  write_manifest(dir / "m.json", sample());
  JobManifest m = read_manifest(dir / "m.json");
  EXPECT_EQ(to_json(m), to_json(sample()));
  EXPECT_EQ(m.ranks, 2);
  EXPECT_EQ(m.inputs["pieces"][0]["size"], 127);
}

TEST(Contract, ManifestErrorsNameTheField) {
  nlohmann::json j = to_json(sample());
  j["sector"].erase("miner");
  try {
    manifest_from_json(j);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("\"miner\""), std::string::npos) << e.what();
    EXPECT_EQ(e.kind(), ErrorKind::Usage);
  }
  j = to_json(sample());
  j["task"]["attempt"] = "two";
  EXPECT_THROW(manifest_from_json(j), Error);
  j = to_json(sample());
  j["version"] = 99;
  try {
    manifest_from_json(j);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("version 99"), std::string::npos);
  }
  j = to_json(sample());
  j["schema"] = "something-else";
  EXPECT_THROW(manifest_from_json(j), Error);
  j = to_json(sample());
  j["ranks"] = 0;
  EXPECT_THROW(manifest_from_json(j), Error);
}

TEST(Contract, UnreadableOrInvalidManifestFilesAreUsageErrors) {
  test::TempDir dir;
  EXPECT_THROW(read_manifest(dir / "missing.json"), Error);
  std::ofstream(dir / "bad.json") << "{not json";
  try {
    read_manifest(dir / "bad.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Usage);
  }
}

TEST(Contract, ResultRoundTripsAndMissingFileIsNotAnError) {
  test::TempDir dir;
  EXPECT_FALSE(read_result(dir / "r.json").has_value());
  JobResult r;
  r.task_id = 12;
  r.attempt = 2;
  r.stage = "addpiece";
  r.status = ResultStatus::Retryable;
  r.error_kind = "io";
  r.error_message = "disk full";
  r.host = "n1";
  r.wall_seconds = 1.5;
  r.peak_rss_bytes = 1 << 20;
  std::ofstream(dir / "r.json") << to_json(r).dump();
  auto back = read_result(dir / "r.json");
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(to_json(*back), to_json(r));
  std::ofstream(dir / "bad.json") << "{\"schema\": 1";
  EXPECT_THROW(read_result(dir / "bad.json"), Error);
}

TEST(Contract, ExitCodesAndStatusesCorrespond) {
  EXPECT_EQ(exit_code(exit_for(ResultStatus::Ok)), 0);
  EXPECT_EQ(exit_code(exit_for(ResultStatus::Retryable)), 75);
  EXPECT_EQ(exit_code(exit_for(ResultStatus::Permanent)), 65);
  EXPECT_EQ(status_for_exit(0), ResultStatus::Ok);
  EXPECT_EQ(status_for_exit(75), ResultStatus::Retryable);
  EXPECT_EQ(status_for_exit(65), ResultStatus::Permanent);
  EXPECT_EQ(status_for_exit(64), ResultStatus::Permanent);
  EXPECT_EQ(status_for_exit(137), ResultStatus::Retryable);  // unknown / killed: try again
}

TEST(Contract, BatchRoundTripsAndIsToldApartFromAManifest) {
  test::TempDir dir;
  JobBatch b;
  b.stage = "pc1";
  b.members = {"/state/jobs/1/a1/manifest.json", "/state/jobs/2/a1/manifest.json"};
  write_batch(dir / "batch.json", b);
  nlohmann::json j = read_contract_json(dir / "batch.json");
  ASSERT_TRUE(is_batch(j));
  EXPECT_FALSE(is_batch(to_json(sample())));
  JobBatch back = batch_from_json(j);
  EXPECT_EQ(back.stage, "pc1");
  EXPECT_EQ(back.members, b.members);
  j["members"] = nlohmann::json::array();
  EXPECT_THROW(batch_from_json(j), Error);
  j["members"] = {1, 2};
  EXPECT_THROW(batch_from_json(j), Error);
  j = to_json(b);
  j["version"] = 7;
  EXPECT_THROW(batch_from_json(j), Error);
}

}  // namespace
}  // namespace sa::jobs
