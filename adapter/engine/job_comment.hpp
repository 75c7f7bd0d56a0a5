// The machine-readable comment every job carries, so the engine can find its jobs again after a restart:
// "sealadapter:<instance>:task=<id>:attempt=<n>", or for a PC1 batch
// "sealadapter:<instance>:batch=<id>.<n>,<id>.<n>,...".
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace sa::adapter {

using TaskAttempt = std::pair<std::int64_t, int>;  // task id, attempt number

std::string job_comment(const std::string& prefix, const std::vector<TaskAttempt>& members);
// The (task, attempt) pairs of a comment; empty when it is not one of ours or is malformed.
std::vector<TaskAttempt> comment_members(const std::string& comment);

}  // namespace sa::adapter
