// The rates table of `sealadapter bench`: each measure's median, its spread over the repetitions, and a
// ratio to this run's own SHA-256 compression, so numbers from noisy or different machines compare.
#pragma once

#include <iosfwd>

#include <nlohmann/json.hpp>

namespace sa::adapter {

// kernels: the outputs of `sa-job bench` (jobs/stages/bench_stage.cpp).
void print_bench_rates(const nlohmann::json& kernels, std::ostream& out);

}  // namespace sa::adapter
