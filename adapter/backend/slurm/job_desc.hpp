// JobRequest + JobLaunch -> SlurmJobDesc, the fields slurm_submit_batch_job gets. libslurm ignores the
// script's #SBATCH lines (sbatch reads them, the controller does not), so the description must carry every
// option itself; make_job_desc also reads the rendered header back and refuses to submit when the two
// disagree, or when the header holds an option this backend cannot pass on.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backend/backend.hpp"
#include "backend/slurm/slurm_api.hpp"

namespace sa::adapter {

struct SlurmSubmitOptions {
  // The job's environment before the request's own variables. slurmd adds SLURM_* (and SLURM_CONF) itself;
  // nothing of the submitting process leaks in unless it is listed here (sbatch --export=NONE style).
  std::map<std::string, std::string> environment{{"PATH", "/usr/local/bin:/usr/bin:/bin"}};
  std::optional<bool> requeue;  // unset: the cluster's JobRequeue decides
  std::optional<std::uint32_t> user_id;
  std::optional<std::uint32_t> group_id;
};

// Throws sa::Error(Config) for an extra directive or header option the backend cannot express, and
// sa::Error(Internal) naming the field when the script's header says something else than the request.
SlurmJobDesc make_job_desc(const JobLaunch& launch, const SlurmSubmitOptions& options);

// What sbatch would make of the script's #SBATCH lines alone (no script, no environment). Throws
// sa::Error(Config) for an option this backend does not pass through libslurm.
SlurmJobDesc job_desc_from_header(std::string_view script);

// One sbatch option ("--mem", "-C", ...) applied to `d`; `value` is empty for flags. Throws
// sa::Error(Config) for an unsupported option or a value sbatch would refuse.
void apply_sbatch_option(SlurmJobDesc& d, std::string_view option, std::string_view value);

// A list of sbatch arguments (as parse_sbatch_arguments splits a line: "--mem=1G", "-C", "ib") applied in
// order, "--opt value" and "-Xvalue" forms included.
void apply_sbatch_arguments(SlurmJobDesc& d, const std::vector<std::string>& args);

// "" when `a` and `b` ask for the same job (script and environment aside), otherwise the first
// differing field with both values, e.g. "memory_mb: 1024 vs 2048".
std::string first_difference(const SlurmJobDesc& a, const SlurmJobDesc& b);

}  // namespace sa::adapter
