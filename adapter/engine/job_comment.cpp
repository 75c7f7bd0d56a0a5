// Job comments: writing and reading the (task, attempt) pairs.
#include "engine/job_comment.hpp"

namespace sa::adapter {

std::string job_comment(const std::string& prefix, const std::vector<TaskAttempt>& members) {
  if (members.size() == 1) {
    return prefix + "task=" + std::to_string(members[0].first) + ":attempt=" + std::to_string(members[0].second);
  }
  std::string list;
  for (const auto& [task, attempt] : members) {
    list += (list.empty() ? "" : ",") + std::to_string(task) + "." + std::to_string(attempt);
  }
  return prefix + "batch=" + list;
}

std::vector<TaskAttempt> comment_members(const std::string& comment) {
  std::vector<TaskAttempt> out;
  try {
    if (auto b = comment.find(":batch="); b != std::string::npos) {
      const std::string list = comment.substr(b + 7);
      for (std::size_t at = 0; at < list.size();) {
        std::size_t end = list.find(',', at);
        if (end == std::string::npos) end = list.size();
        const std::string item = list.substr(at, end - at);
        const std::size_t dot = item.find('.');
        if (dot == std::string::npos) return {};
        out.emplace_back(std::stoll(item.substr(0, dot)), std::stoi(item.substr(dot + 1)));
        at = end + 1;
      }
      return out;
    }
    auto t = comment.find(":task="), at = comment.find(":attempt=");
    if (t == std::string::npos || at == std::string::npos) return {};
    out.emplace_back(std::stoll(comment.substr(t + 6, at - t - 6)), std::stoi(comment.substr(at + 9)));
  } catch (const std::exception&) {
    return {};
  }
  return out;
}

}  // namespace sa::adapter
