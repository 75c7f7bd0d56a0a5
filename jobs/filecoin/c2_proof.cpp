// C2 proof lengths and reading a proof from a prover's stdout.
#include "filecoin/c2_proof.hpp"

#include "base/error.hpp"
#include "filecoin/hex_bytes.hpp"
#include "vanilla/challenges.hpp"

namespace sa::jobs::filecoin {

std::size_t commit2_proof_bytes(params::SealProof proof) {
  return kGroth16ProofBytes * static_cast<std::size_t>(kernels::interactive_challenge_layout(proof.size()).partitions);
}

std::optional<std::string> proof_from_prover_stdout(std::string_view text) {
  constexpr std::string_view kTag = "proof: ";
  std::optional<std::string_view> last;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.substr(0, kTag.size()) == kTag) last = line.substr(kTag.size());
    at = end + 1;
  }
  if (!last) return std::nullopt;
  std::string_view hex = *last;
  while (!hex.empty() && hex.back() == ' ') hex.remove_suffix(1);
  if (hex.substr(0, 2) == "0x") hex.remove_prefix(2);
  auto bytes = hex.empty() ? std::nullopt : hex_decode(hex);
  if (!bytes) {
    throw Error(ErrorKind::Corrupt, "the prover's \"proof:\" line is not whole bytes of hex (" +
                                        std::to_string(hex.size()) + " characters)");
  }
  return bytes;
}

std::string commit2_proof_problem(std::string_view proof, params::SealProof type) {
  const std::size_t want = commit2_proof_bytes(type);
  if (proof.size() == want) return "";
  return "the prover returned " + std::to_string(proof.size()) + " bytes; a " +
         std::string(params::sector_size_name(type.size())) + " proof is " + std::to_string(want) + " bytes (" +
         std::to_string(want / kGroth16ProofBytes) + " partition(s) × 192)";
}

}  // namespace sa::jobs::filecoin
