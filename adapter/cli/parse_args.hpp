// Parsing of the values people type (task types, sector sizes, proof versions) into the model, with the
// one-line errors the CLI prints.
#pragma once

#include <optional>
#include <string>

#include "model/task_type.hpp"
#include "params/proof_type.hpp"

namespace sa::adapter {

TaskType parse_task_arg(const std::string& text);
params::SectorSize parse_size_arg(const std::string& text);
params::ProofVersion parse_version_arg(const std::string& text);
// --sector-size with --proof (default V1_1), or an explicit registered proof id.
params::SealProof proof_arg(const std::optional<std::string>& size, const std::string& version,
                            const std::optional<std::int64_t>& proof_id);

}  // namespace sa::adapter
