// Argument parsing with clear errors.
#include "cli/parse_args.hpp"

#include "base/error.hpp"

namespace sa::adapter {

TaskType parse_task_arg(const std::string& text) {
  if (auto t = parse_task_type(text)) return *t;
  std::string known;
  for (TaskType t : kTaskTypes) known += (known.empty() ? "" : ", ") + std::string(short_name(t));
  throw Error(ErrorKind::Usage, "unknown task type \"" + text + "\" (one of " + known + ", or a Lotus task string)");
}

params::SectorSize parse_size_arg(const std::string& text) {
  if (auto s = params::parse_sector_size(text)) return *s;
  throw Error(ErrorKind::Usage, "unknown sector size \"" + text + "\" (2KiB, 8MiB, 512MiB, 32GiB or 64GiB)");
}

params::ProofVersion parse_version_arg(const std::string& text) {
  if (auto v = params::parse_proof_version(text)) return *v;
  throw Error(ErrorKind::Usage, "unknown proof version \"" + text + "\" (V1, V1_1, SyntheticPoRep or NiPoRep)");
}

params::SealProof proof_arg(const std::optional<std::string>& size, const std::string& version,
                            const std::optional<std::int64_t>& proof_id) {
  if (proof_id) {
    auto p = params::seal_proof_from_id(*proof_id);
    if (!p) throw Error(ErrorKind::Usage, "unknown registered seal proof " + std::to_string(*proof_id) + " (0-19)");
    if (size && p->size() != parse_size_arg(*size)) {
      throw Error(ErrorKind::Usage, "--proof-type " + std::to_string(*proof_id) + " is " + p->name() + ", not " + *size);
    }
    return *p;
  }
  if (!size) throw Error(ErrorKind::Usage, "--sector-size is required");
  return params::seal_proof(parse_size_arg(*size), parse_version_arg(version));
}

}  // namespace sa::adapter
