// Lotus's ParseResourceEnv and getSDRThreads (storage/sealer/storiface/resources.go; lotus.md §2.2-§2.3),
// with one deliberate difference: a malformed value throws instead of silently becoming 0. This is also the
// only file of the model that reads the process environment.
#include "model/resource_overrides.hpp"

#include <cstdlib>
#include <limits>
#include <set>
#include <string>

#include "base/error.hpp"
#include "model/strict_number.hpp"

namespace sa::adapter {

namespace {

// The `envname` struct tags, in Lotus's field order.
constexpr std::array<std::string_view, 7> kFields = {
    "MIN_MEMORY", "MAX_MEMORY", "GPU_UTILIZATION", "MAX_PARALLELISM", "MAX_PARALLELISM_GPU",
    "BASE_MIN_MEMORY", "MAX_CONCURRENT"};

[[noreturn]] void bad_value(const std::string& name, const std::string& value, std::string_view expected) {
  throw Error(ErrorKind::Config,
              "invalid value for " + name + ": \"" + value + "\" (expected " + std::string(expected) + ")");
}

void assign(Resources& r, std::string_view env, const std::string& name, const std::string& value) {
  if (env == "MIN_MEMORY" || env == "MAX_MEMORY" || env == "BASE_MIN_MEMORY") {
    auto v = parse_strict_u64(value);
    if (!v) bad_value(name, value, "a plain decimal byte count, no unit");
    (env == "MIN_MEMORY" ? r.min_memory : env == "MAX_MEMORY" ? r.max_memory : r.base_min_memory) = *v;
  } else if (env == "GPU_UTILIZATION") {
    auto v = parse_strict_double(value);
    if (!v || *v < 0) bad_value(name, value, "a number of GPUs >= 0, e.g. 1 or 0.5");
    r.gpu_utilization = *v;
  } else if (env == "MAX_PARALLELISM" || env == "MAX_PARALLELISM_GPU") {
    // -1 is Lotus's "92 % of the CPUs"; any other negative would wrap to a huge thread count in Go.
    auto v = parse_strict_int(value);
    if (!v || *v < -1) bad_value(name, value, "a thread count >= 0, or -1 for 92 % of the CPUs");
    (env == "MAX_PARALLELISM" ? r.max_parallelism : r.max_parallelism_gpu) = *v;
  } else {
    auto v = parse_strict_int(value);
    if (!v || *v < 0) bad_value(name, value, "a task count >= 0 (0 = unlimited)");
    r.max_concurrent = *v;
  }
}

// getSDRThreads: PC1/UNS threads when neither <SHORT>_<SIZE>_MAX_PARALLELISM nor <SHORT>_MAX_PARALLELISM is
// set: 1, or producers + 1 with FIL_PROOFS_USE_MULTICORE_SDR=1 (producers default 3).
int sdr_threads(const EnvLookup& env) {
  int producers = 0;
  if (env("FIL_PROOFS_USE_MULTICORE_SDR") == std::optional<std::string>("1")) {
    producers = 3;
    if (auto p = env("FIL_PROOFS_MULTICORE_SDR_PRODUCERS")) {
      auto v = parse_strict_int(*p);
      if (!v || *v < 0 || *v == std::numeric_limits<int>::max())
        bad_value("FIL_PROOFS_MULTICORE_SDR_PRODUCERS", *p, "a producer count >= 0");
      producers = *v;
    }
  }
  return producers + 1;
}

std::string size_tag(std::int64_t proof_id) {
  return std::string(params::sector_size_env(params::SealProof{proof_id}.size()));
}

}  // namespace

EnvLookup process_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
}

ResourceTable apply_resource_overrides(ResourceTable table, const EnvLookup& env) {
  ResourceTable out = table;
  for (const auto& [key, defaults] : table.entries()) {
    const auto [task, proof_id] = key;
    const std::string short_name_str(short_name(task));
    const std::string sized_prefix = short_name_str + "_" + size_tag(proof_id) + "_";
    Resources r = defaults;
    for (std::string_view f : kFields) {
      const std::string sized = sized_prefix + std::string(f);
      const std::string unsized = short_name_str + "_" + std::string(f);
      if (auto v = env(sized)) {
        assign(r, f, sized, *v);
      } else if (auto u = env(unsized)) {
        assign(r, f, unsized, *u);
      } else if ((task == TaskType::PreCommit1 || task == TaskType::Unseal) && f == "MAX_PARALLELISM") {
        r.max_parallelism = sdr_threads(env);
      }
    }
    out.set(task, params::SealProof{proof_id}, r);
  }
  return out;
}

std::vector<std::string> resource_env_names(const ResourceTable& table) {
  std::set<std::string> names;
  for (const auto& [key, r] : table.entries()) {
    const std::string short_name_str(short_name(key.first));
    for (std::string_view f : kFields) {
      names.insert(short_name_str + "_" + size_tag(key.second) + "_" + std::string(f));
      names.insert(short_name_str + "_" + std::string(f));
    }
  }
  return {names.begin(), names.end()};
}

}  // namespace sa::adapter
