// SectorContext and the small input helpers stages share.
#include "stages/sector_context.hpp"

#include "base/error.hpp"
#include "contract/json_fields.hpp"
#include "layout/cache_files.hpp"
#include "runtime/cpu_binding.hpp"
#include "scratch/node_scratch.hpp"

namespace sa::jobs {

namespace {
params::SealProof proof_of(const JobManifest& m) {
  auto p = params::seal_proof_from_id(m.proof_type);
  if (!p) throw Error(ErrorKind::Usage, "unknown seal proof type " + std::to_string(m.proof_type));
  return *p;
}
}  // namespace

SectorContext::SectorContext(const JobManifest& m)
    : proof(proof_of(m)),
      sector_bytes(params::bytes(proof.size())),
      nodes(params::nodes(proof.size())),
      layers(params::sdr_layers(proof.size())),
      id{m.miner, m.sector},
      layout(m.storage_dir),
      cache(layout.cache(id)),
      name(staging::sector_name(id)) {}

std::optional<std::filesystem::path> SectorContext::scratch_for(const JobManifest& m, const KernelSettings& settings,
                                                                std::uint64_t needed) const {
  auto policy = staging::parse_scratch_policy(optional_field<std::string>(m.inputs, "staging", "auto", "inputs"));
  std::filesystem::path base = m.scratch_dir.empty() ? settings.tmpdir : m.scratch_dir;
  auto dir = staging::choose_scratch(layout.root(), base, needed, policy);
  if (!dir) return std::nullopt;
  // One folder per attempt: two jobs of the same sector on a node never share scratch files.
  return *dir / ("sealadapter-" + name + "-" + m.stage + "-" + std::to_string(m.task_id) + "-" + std::to_string(m.attempt));
}

void SectorContext::write_manifest(const std::string& stage, staging::ChecksumManifest m) const {
  m.stage = manifest_key(stage);
  staging::write_checksum_manifest(layout.root(), m);
}

staging::ChecksumManifest SectorContext::read_manifest(const std::string& stage) const {
  return staging::read_checksum_manifest(layout.root(), manifest_key(stage));
}

kernels::ParentCacheOptions parent_cache_options(const KernelSettings& settings) {
  kernels::ParentCacheOptions o;
  o.verify = settings.verify_cache;
  o.threads = std::max(1, static_cast<int>(allowed_cpus().size()));
  return o;
}

kernels::Commitment hex32_input(const nlohmann::json& inputs, const char* field) {
  auto text = required_field<std::string>(inputs, field, "inputs");
  try {
    return kernels::commitment_from_hex(text);
  } catch (const Error& e) {
    throw Error(ErrorKind::Usage, std::string("inputs.") + field + ": " + e.what());
  }
}

std::string layer_chunk_entry(const SectorContext& s, int layer, std::uint64_t chunk) {
  return s.cache_entry(staging::layer_dat_name(layer)) + ":" + std::to_string(chunk);
}

}  // namespace sa::jobs
