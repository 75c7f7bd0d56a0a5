// Commit2 (C2): the Groth16 SNARK over C1's vanilla proofs, computed by the site's own prover (lotus-bench
// prove, a cuzk client, ...), run as an argument vector with {input}/{output} filled in. sa-job checks what a
// prover would fail on hours later (the Commit1Out through the strict reader, the parameter files), hands it
// the C2 envelope, and checks the proof's length (192 bytes per partition). Inputs: {"commit1_out": path,
// "prover": [argv], "parameter_cache": dir}. Output: {"proof": hex, "bytes", "partitions", "prover_seconds"}.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/error.hpp"
#include "contract/json_fields.hpp"
#include "contract/prover_argv.hpp"
#include "filecoin/c2_parameters.hpp"
#include "filecoin/c2_proof.hpp"
#include "filecoin/commit1_out.hpp"
#include "filecoin/commit2_in.hpp"
#include "filecoin/hex_bytes.hpp"
#include "publish/atomic_file.hpp"
#include "runtime/child_process.hpp"
#include "stages/sector_context.hpp"
#include "stages/stage.hpp"

namespace sa::jobs {

namespace {

std::string file_bytes(const std::filesystem::path& p, const char* what) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw Error(ErrorKind::Usage, std::string("cannot read ") + what + " " + p.string());
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The last lines a prover printed, for a message that says why it failed.
std::string tail_lines(const std::string& text, int lines = 5) {
  std::size_t at = text.size();
  while (at > 0 && text[at - 1] == '\n') --at;
  std::size_t end = at;
  for (int n = 0; n < lines && at > 0; ++n) {
    at = text.rfind('\n', at - 1);
    if (at == std::string::npos) {
      at = 0;
      break;
    }
  }
  std::string t = text.substr(at, end - at);
  while (!t.empty() && t.front() == '\n') t.erase(0, 1);
  return t.empty() ? "" : "; it printed: " + t;
}

// The document the miner (or C1 here) gave, for this sector and proof type.
std::string checked_commit1_out(const SectorContext& s, const std::filesystem::path& path) {
  std::string bytes = file_bytes(path, "the Commit1Out");
  nlohmann::json doc = nlohmann::json::parse(bytes, nullptr, false);
  if (doc.is_discarded()) throw Error(ErrorKind::Corrupt, "the Commit1Out " + path.string() + " is not JSON");
  const filecoin::Commit1Out c1 = filecoin::read_commit1_out(doc);
  if (c1.proof.id != s.proof.id) {
    throw Error(ErrorKind::Usage, "the Commit1Out is for seal proof " + std::to_string(c1.proof.id) + ", the sector is " +
                                      std::to_string(s.proof.id));
  }
  if (c1.has_sector && (c1.miner != s.id.miner || c1.sector != s.id.number)) {
    throw Error(ErrorKind::Usage, "the Commit1Out belongs to sector " + std::to_string(c1.sector) + " of t0" +
                                      std::to_string(c1.miner) + ", not " + s.name);
  }
  return bytes;
}

}  // namespace

nlohmann::json run_c2(StageContext& ctx) {
  SectorContext s(ctx.manifest);
  const nlohmann::json& in = ctx.manifest.inputs;
  const auto c1_path = std::filesystem::path(required_field<std::string>(in, "commit1_out", "inputs"));
  const auto prover = required_field<std::vector<std::string>>(in, "prover", "inputs");
  const std::filesystem::path cache_dir =
      optional_field<std::string>(in, "parameter_cache", filecoin::default_parameter_cache().string(), "inputs");
  if (std::string why = prover_argv_problem(prover); !why.empty()) throw Error(ErrorKind::Usage, "inputs.prover: " + why);
  if (ctx.mpi.rank() != 0) return nlohmann::json::object();

  const std::string c1 = checked_commit1_out(s, c1_path);
  // On the node itself too: the adapter checked the path it sees, a node may see another file system.
  if (std::string why = filecoin::parameter_problem(cache_dir, s.proof.size()); !why.empty()) {
    throw Error(ErrorKind::Config, "C2 cannot start: " + why);
  }
  const std::filesystem::path work = ctx.manifest.result_path.parent_path();
  const std::filesystem::path input = work / "c2-in.json", output = work / "c2-proof.bin";
  staging::write_file_atomic(input, filecoin::commit2_in_json(s.id.number, c1, s.sector_bytes));
  std::filesystem::remove(output);

  const auto argv = expand_prover_argv(prover, {input.string(), output.string(), s.id.miner, s.id.number});
  ChildEnding end = run_child(argv, {{"FIL_PROOFS_PARAMETER_CACHE", cache_dir.string()}});
  if (!end.ok()) {
    // A prover that fails may succeed on another try (GPU errors, memory); the retry policy bounds it.
    throw Error(ErrorKind::Io, "the prover " + argv[0] + " ended with " + end.describe() + " after " +
                                   std::to_string(static_cast<long>(end.seconds)) + " s" + tail_lines(end.out),
                Retry::Retryable);
  }
  std::string proof;
  std::string from = "stdout";
  std::error_code ec;
  if (prover_writes_output(prover) && std::filesystem::is_regular_file(output, ec) && std::filesystem::file_size(output, ec) > 0) {
    proof = file_bytes(output, "the proof");
    from = "output";
  } else if (auto p = filecoin::proof_from_prover_stdout(end.out)) {
    proof = *p;
  } else {
    throw Error(ErrorKind::Corrupt, "the prover " + argv[0] + " exited 0 but wrote no proof (" +
                                        (prover_writes_output(prover) ? output.string() + " is empty or missing, and " : "") +
                                        "no \"proof: <hex>\" line on stdout)" + tail_lines(end.out));
  }
  if (std::string why = filecoin::commit2_proof_problem(proof, s.proof); !why.empty()) {
    throw Error(ErrorKind::Corrupt, why);
  }
  std::filesystem::remove(input, ec);  // kept only when the prover failed, to run it again by hand
  std::filesystem::remove(output, ec);
  return {{"proof", filecoin::hex_encode(proof)},
          {"bytes", proof.size()},
          {"partitions", proof.size() / filecoin::kGroth16ProofBytes},
          {"prover_seconds", end.seconds},
          {"from", from},
          {"prover", argv[0]}};
}

}  // namespace sa::jobs
