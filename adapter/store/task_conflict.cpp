// Refusing a task asked for again with other inputs.
#include "store/task_conflict.hpp"

namespace sa::adapter {

namespace {

std::string piece_words(const nlohmann::json& p) {
  if (!p.is_object()) return p.dump();
  const std::string kind = p.value("kind", "");
  if (kind == "file") return p.value("path", "?");
  if (kind == "zero") return "zeros of " + p.value("size", nlohmann::json(0)).dump() + " bytes";
  if (p.contains("cid")) return p["cid"].is_string() ? p["cid"].get<std::string>() : p["cid"].dump();
  return p.dump();
}

std::string clipped(std::string s, std::size_t max = 200) {
  if (s.size() > max) s = s.substr(0, max) + "...";
  return s;
}

}  // namespace

std::string describe_inputs(TaskType type, const nlohmann::json& inputs) {
  if (type != TaskType::AddPiece) return "inputs " + clipped(inputs.dump());
  const nlohmann::json pieces = inputs.is_object() ? inputs.value("pieces", nlohmann::json::array()) : nlohmann::json();
  if (!pieces.is_array()) return "inputs " + clipped(inputs.dump());
  if (pieces.empty()) return "no pieces (a CC sector)";
  std::string out = std::to_string(pieces.size()) + (pieces.size() == 1 ? " piece: " : " pieces: ");
  for (std::size_t i = 0; i < pieces.size(); ++i) out += (i ? ", " : "") + piece_words(pieces[i]);
  return clipped(out, 400);
}

std::string task_conflict(const TaskRecord& existing, const NewTask& asked) {
  const std::string sector = "sector " + std::to_string(existing.sector.miner) + "/" + std::to_string(existing.sector.number);
  const std::string what = std::string(display_name(existing.type)) + " task " + std::to_string(existing.id) + " (" +
                           std::string(task_state_name(existing.state)) + ")";
  const std::string instead = "; use another sector number or another state directory (--home, or the site's state_dir)";
  if (existing.proof.id != asked.proof.id) {
    return sector + " already has " + what + " with proof type " + existing.proof.name() + ", not " +
           asked.proof.name() + instead;
  }
  if (existing.inputs == asked.inputs) return "";
  // Only the pieces decide what an AddPiece holds (`seal` keeps its ticket and seed beside them and checks
  // those itself).
  if (existing.type == TaskType::AddPiece && existing.inputs.is_object() && asked.inputs.is_object() &&
      existing.inputs.value("pieces", nlohmann::json::array()) == asked.inputs.value("pieces", nlohmann::json::array())) {
    return "";
  }
  return sector + " already has " + what + " holding " + describe_inputs(existing.type, existing.inputs) +
         "; asked for " + describe_inputs(asked.type, asked.inputs) + instead;
}

}  // namespace sa::adapter
