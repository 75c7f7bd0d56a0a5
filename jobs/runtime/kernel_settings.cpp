// The only place in jobs/ that reads the environment.
#include "runtime/kernel_settings.hpp"

#include <cstdlib>
#include <string>

#include "base/error.hpp"

namespace sa::jobs {

namespace {
const char* env(const char* name) {
  const char* v = std::getenv(name);
  return (v && *v) ? v : nullptr;
}

bool env_flag(const char* name, bool fallback) {
  const char* v = env(name);
  if (!v) return fallback;
  std::string s(v);
  if (s == "1" || s == "true" || s == "TRUE" || s == "yes") return true;
  if (s == "0" || s == "false" || s == "FALSE" || s == "no") return false;
  throw Error(ErrorKind::Usage, std::string(name) + "=" + s + ": expected 1 or 0");
}

int env_int(const char* name, int fallback, int lo, int hi) {
  const char* v = env(name);
  if (!v) return fallback;
  try {
    std::size_t used = 0;
    int n = std::stoi(v, &used);
    if (used != std::string(v).size() || n < lo || n > hi) throw std::invalid_argument(v);
    return n;
  } catch (const std::exception&) {
    throw Error(ErrorKind::Usage, std::string(name) + "=" + v + ": expected an integer in " + std::to_string(lo) +
                                      ".." + std::to_string(hi));
  }
}
}  // namespace

KernelSettings KernelSettings::from_environment() {
  KernelSettings s;
  s.use_multicore_sdr = env_flag("FIL_PROOFS_USE_MULTICORE_SDR", false);
  s.multicore_sdr_producers = env_int("FIL_PROOFS_MULTICORE_SDR_PRODUCERS", 3, 1, 64);
  std::filesystem::path cache_dir = env("FIL_PROOFS_CACHE_DIR") ? env("FIL_PROOFS_CACHE_DIR") : "/var/tmp";
  s.parent_cache = env("FIL_PROOFS_PARENT_CACHE") ? std::filesystem::path(env("FIL_PROOFS_PARENT_CACHE"))
                                                  : cache_dir / "filecoin-parents";
  s.parameter_cache = env("FIL_PROOFS_PARAMETER_CACHE") ? env("FIL_PROOFS_PARAMETER_CACHE")
                                                        : "/var/tmp/filecoin-proof-parameters";
  s.maximize_caching = env_flag("FIL_PROOFS_MAXIMIZE_CACHING", true);
  s.use_gpu_column_builder = env_flag("FIL_PROOFS_USE_GPU_COLUMN_BUILDER", false);
  s.use_gpu_tree_builder = env_flag("FIL_PROOFS_USE_GPU_TREE_BUILDER", false);
  if (const char* v = env("BELLMAN_CPU_UTILIZATION")) {
    try {
      std::size_t used = 0;
      s.bellman_cpu_utilization = std::stod(v, &used);
      if (used != std::string(v).size() || s.bellman_cpu_utilization < 0 || s.bellman_cpu_utilization > 1) {
        throw std::invalid_argument(v);
      }
    } catch (const std::exception&) {
      throw Error(ErrorKind::Usage, std::string("BELLMAN_CPU_UTILIZATION=") + v + ": expected a number in 0..1");
    }
  }
  s.gpu_disabled = env_flag("BELLMAN_NO_GPU", false);
  if (const char* v = env("CUDA_VISIBLE_DEVICES")) s.visible_devices = v;
  else if (const char* w = env("NVIDIA_VISIBLE_DEVICES")) s.visible_devices = w;
  s.tmpdir = env("TMPDIR") ? env("TMPDIR") : "/tmp";
  s.rows_to_discard = env_int("FIL_PROOFS_ROWS_TO_DISCARD", 2, 0, 16);
  s.verify_cache = env_flag("FIL_PROOFS_VERIFY_CACHE", true);
  return s;
}

}  // namespace sa::jobs
