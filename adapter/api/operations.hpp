// The operations people and programs ask of the adapter — submit, status, jobs, cancel, retry, result,
// workers — the same whether the CLI runs them on the local store or the service runs them for an API call:
// JSON in, JSON out, in the API's wire shapes (docs/06-api.md). Errors are sa::Error (Usage for bad input).
#pragma once

#include <functional>

#include <nlohmann/json.hpp>

#include "config/site_config.hpp"
#include "store/store.hpp"

namespace sa::adapter {

// A task as the API and `submit` describe it: {"task", "sector": {"miner", "number"}, "proof_type" |
// "sector_size" + "proof", "priority", "ranks", "max_attempts", "partition", "inputs", "data": [files]}.
NewTask task_from_json(const nlohmann::json& spec, const SiteConfig& site);

class Operations {
 public:
  struct Hooks {
    std::function<void(const AttemptRecord&)> kill;  // ends a cancelled task's job
    std::function<nlohmann::json()> workers;         // the workers view of the site's backend
  };

  Operations(Store& store, const SiteConfig& site, Hooks hooks);

  nlohmann::json submit(const nlohmann::json& spec);
  nlohmann::json status(const nlohmann::json& filter);  // {"states": [...], "task": id}
  nlohmann::json jobs(bool show_ended);
  nlohmann::json cancel(std::int64_t task_id);
  nlohmann::json retry(std::int64_t task_id, int extra_attempts);
  nlohmann::json result(std::int64_t task_id);
  nlohmann::json workers() { return hooks_.workers ? hooks_.workers() : nlohmann::json::array(); }

 private:
  Store& store_;
  const SiteConfig& site_;
  Hooks hooks_;
};

}  // namespace sa::adapter
