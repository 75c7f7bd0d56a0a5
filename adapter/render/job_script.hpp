// Renders the job script for one attempt from the partition's mustache template. Every value substituted
// with {{name}} is shell-quoted; the #SBATCH header is generated with Slurm's own quoting rules, and a value
// that cannot be expressed safely (a newline in a directive) is an error, never passed through.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "config/site_config.hpp"
#include "mapping/job_request.hpp"

namespace sa::adapter {

struct JobScriptContext {
  std::string job_name;              // tag identifying instance, sector and attempt (job_tag())
  std::string comment;               // machine-readable tag (--comment)
  std::filesystem::path manifest;    // job manifest (JSON) on the shared filesystem
  std::filesystem::path job_binary;  // sa-job
  std::string stage;                 // sa-job stage name ("addpiece", "pc1", ...)
  std::filesystem::path workdir;     // --chdir
  std::filesystem::path output;      // --output (stdout+stderr)
};

// "<instance>-<miner>-<sector>-<SHORT>-a<attempt>", e.g. "sa-1000-9-PC1-a2".
std::string job_tag(const std::string& instance, std::uint64_t miner, std::uint64_t sector, TaskType task,
                    int attempt);

std::string render_job_script(const JobRequest& request, const JobScriptContext& ctx, const SiteConfig& site,
                              const Partition& partition);

}  // namespace sa::adapter
