// Lotus JSON <-> Resources (field names from storiface/resources.go).
#include "model/resources_json.hpp"

#include <string>

#include "base/error.hpp"

namespace sa::adapter {

nlohmann::json to_lotus_json(const Resources& r) {
  // Insertion order is irrelevant: nlohmann::json objects are sorted maps, as Go's encoder output is not,
  // but both decode identically.
  return nlohmann::json{
      {"MinMemory", r.min_memory},
      {"MaxMemory", r.max_memory},
      {"GPUUtilization", r.gpu_utilization},
      {"MaxParallelism", r.max_parallelism},
      {"MaxParallelismGPU", r.max_parallelism_gpu},
      {"BaseMinMemory", r.base_min_memory},
      {"MaxConcurrent", r.max_concurrent},
  };
}

namespace {

template <typename T>
void read_field(const nlohmann::json& j, const char* key, T& out) {
  auto it = j.find(key);
  if (it == j.end()) return;
  try {
    out = it->get<T>();
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::Corrupt, std::string("Lotus resources JSON: field ") + key + ": " + e.what());
  }
}

}  // namespace

Resources resources_from_lotus_json(const nlohmann::json& j) {
  if (!j.is_object()) throw Error(ErrorKind::Corrupt, "Lotus resources JSON: expected an object");
  Resources r;
  read_field(j, "MinMemory", r.min_memory);
  read_field(j, "MaxMemory", r.max_memory);
  read_field(j, "GPUUtilization", r.gpu_utilization);
  read_field(j, "MaxParallelism", r.max_parallelism);
  read_field(j, "MaxParallelismGPU", r.max_parallelism_gpu);
  read_field(j, "BaseMinMemory", r.base_min_memory);
  read_field(j, "MaxConcurrent", r.max_concurrent);
  return r;
}

}  // namespace sa::adapter
