// `sealadapter export commit1 --sector N --output FILE`: a sector's Commit1Out (Filecoin's own, from its C1
// task) as the envelope `lotus-bench prove FILE` and cuzk read, so an operator can run C2 by hand on a GPU
// machine. The document is read through the strict reader and must be this sector's before it is written.
#include <fstream>
#include <iostream>
#include <sstream>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "filecoin/commit1_out.hpp"
#include "filecoin/commit2_in.hpp"
#include "publish/atomic_file.hpp"

namespace sa::adapter {

void register_export(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("export", "Write a sector's documents in the formats other Filecoin tools read");
  cmd->require_subcommand(1);
  auto* c1 = cmd->add_subcommand("commit1", "The sector's Commit1Out as lotus-bench prove's / cuzk's C2 input");
  struct Args {
    std::uint64_t sector = 0, miner = 1000;
    std::string output;
  };
  auto a = std::make_shared<Args>();
  c1->add_option("--sector", a->sector, "Sector number")->required();
  c1->add_option("--miner", a->miner, "Miner actor id")->capture_default_str();
  c1->add_option("--output", a->output, "File to write (- for standard output)")->required();
  c1->callback([&ctx, a] {
    const SectorRef sector{a->miner, a->sector};
    const std::string name = "sector " + std::to_string(a->miner) + "/" + std::to_string(a->sector);
    auto task = ctx.store().find_task(sector, TaskType::Commit1);
    if (!task) throw Error(ErrorKind::Usage, name + " has no C1 task");
    if (task->state != TaskState::Done) {
      throw Error(ErrorKind::Usage, name + ": its C1 task " + std::to_string(task->id) + " is " +
                                        std::string(task_state_name(task->state)) + ", not done");
    }
    const auto result = ctx.store().result_of(task->id).value_or(nlohmann::json::object());
    const std::string path = result.value("proofs", "");
    if (path.empty() || !std::filesystem::is_regular_file(path)) {
      throw Error(ErrorKind::Usage, name + ": its Commit1Out " + (path.empty() ? "is not recorded" : path + " is gone"));
    }
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const std::string bytes = text.str();
    const nlohmann::json parsed = nlohmann::json::parse(bytes, nullptr, false);
    if (parsed.is_discarded()) throw Error(ErrorKind::Corrupt, path + " is not JSON");
    const jobs::filecoin::Commit1Out doc = jobs::filecoin::read_commit1_out(parsed);
    if (doc.has_sector && (doc.miner != a->miner || doc.sector != a->sector)) {
      throw Error(ErrorKind::Corrupt, path + " is the Commit1Out of sector " + std::to_string(doc.miner) + "/" +
                                          std::to_string(doc.sector) + ", not " + name);
    }
    const std::string envelope =
        jobs::filecoin::commit2_in_json(a->sector, bytes, params::bytes(doc.proof.size())) + "\n";
    if (a->output == "-") {
      std::cout << envelope;
    } else {
      staging::write_file_atomic(a->output, envelope);
      std::cerr << name << " (" << doc.proof.name() << "): C2 input written to " << a->output
                << "; prove it with: lotus-bench prove --miner-addr t0" << a->miner << " " << a->output << "\n";
    }
  });
}

}  // namespace sa::adapter
