// sa-test-prover-double: a TEST DOUBLE of a C2 prover (lotus-bench prove, a cuzk client), for the tests only.
// It does what a real prover checks before it proves anything, strictly: the envelope's three fields, the
// Commit1Out inside through the strict reader, SectorSize against the proof type, and the parameter files
// in FIL_PROOFS_PARAMETER_CACHE. Then, instead of a Groth16 proof, it returns double_proof_bytes().
//   sa-test-prover-double [--mode ok|fail|hang|short] INPUT [OUTPUT]
// Without OUTPUT the proof is printed as lotus-bench does ("proof: <hex>").
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "base/error.hpp"
#include "filecoin/c2_parameters.hpp"
#include "filecoin/c2_proof.hpp"
#include "filecoin/commit1_out.hpp"
#include "filecoin/commit2_in.hpp"
#include "filecoin/hex_bytes.hpp"
#include "prover_double/double_proof.hpp"

namespace {

int refuse(const std::string& why) {
  std::cerr << "test prover double: " << why << "\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sa;
  std::string mode = "ok";
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--mode" && i + 1 < argc) mode = argv[++i];
    else files.push_back(a);
  }
  if (files.empty() || files.size() > 2) return refuse("usage: sa-test-prover-double [--mode M] INPUT [OUTPUT]");
  try {
    std::ifstream in(files[0], std::ios::binary);
    if (!in) return refuse("cannot read " + files[0]);
    std::stringstream text;
    text << in.rdbuf();
    const jobs::filecoin::Commit2In env = jobs::filecoin::read_commit2_in(text.str());
    const auto c1 = jobs::filecoin::read_commit1_out(nlohmann::json::parse(env.phase1_out));
    if (env.sector_size != params::bytes(c1.proof.size())) {
      return refuse("SectorSize " + std::to_string(env.sector_size) + " does not match " + c1.proof.name());
    }
    const char* cache = std::getenv("FIL_PROOFS_PARAMETER_CACHE");
    if (!cache) return refuse("FIL_PROOFS_PARAMETER_CACHE is not set");
    if (std::string why = jobs::filecoin::parameter_problem(cache, c1.proof.size()); !why.empty()) return refuse(why);
    const char* gpus = std::getenv("CUDA_VISIBLE_DEVICES");
    std::cout << "test prover double: sector " << env.sector_number << ", " << c1.proof.name()
              << ", CUDA_VISIBLE_DEVICES=" << (gpus ? gpus : "(unset)") << std::endl;
    if (mode == "fail") {
      std::cerr << "test prover double: simulated GPU failure" << std::endl;
      return 3;
    }
    if (mode == "hang") {
      for (;;) ::pause();
    }
    std::size_t n = jobs::filecoin::commit2_proof_bytes(c1.proof);
    if (mode == "short") n = 100;
    const std::string proof = test::double_proof_bytes(env.phase1_out, env.sector_number, n);
    if (files.size() == 2) {
      std::ofstream out(files[1], std::ios::binary);
      out << proof;
      if (!out) return refuse("cannot write " + files[1]);
      return 0;
    }
    std::cout << "proof: " << jobs::filecoin::hex_encode(proof) << std::endl;
    return 0;
  } catch (const std::exception& e) {
    return refuse(e.what());
  }
}
