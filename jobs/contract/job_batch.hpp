// A job batch: several tasks of one stage run by one job, one task per MPI rank (PC1 batches: one sector
// per rank). The batch file lists the members' own manifests in rank order; each rank reads its manifest and
// publishes its own result, so every task keeps its attempt, result and retries (docs/01-job-contract.md).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sa::jobs {

inline constexpr const char* kBatchSchema = "sealadapter/job-batch";
inline constexpr int kBatchVersion = 1;

struct JobBatch {
  std::string stage;
  std::vector<std::filesystem::path> members;  // manifest of rank r at index r
};

nlohmann::json to_json(const JobBatch& b);
// Throws sa::Error(Usage) naming what is wrong (schema, version, an empty or mistyped member list).
JobBatch batch_from_json(const nlohmann::json& j);
void write_batch(const std::filesystem::path& file, const JobBatch& b);

// Whether a parsed contract file is a batch (its schema), so sa-job takes one --manifest for both.
bool is_batch(const nlohmann::json& j);

}  // namespace sa::jobs
