// The site's C2 prover as an argument vector (never a shell string): the adapter checks it when it reads the
// site file, sa-job's c2 stage fills its placeholders and executes it (docs/01-job-contract.md, c2).
//   {input}   the C2 envelope {"SectorNum","Phase1Out","SectorSize"} (lotus-bench prove, cuzk)   required
//   {output}  where the prover may write the proof bytes; else a "proof: <hex>" line on stdout
//   {miner}   the actor id (1000 for t01000)       {sector}  the sector number
// A placeholder is a whole argument or part of one ("t0{miner}", "--out={output}").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sa::jobs {

struct ProverValues {
  std::string input;
  std::string output;
  std::uint64_t miner = 0;
  std::uint64_t sector = 0;
};

// Empty when `argv` is a usable prover; otherwise what is wrong with it, for the site file's error.
std::string prover_argv_problem(const std::vector<std::string>& argv);

// `argv` with its placeholders replaced. Throws sa::Error(Usage) on a problem prover_argv_problem reports.
std::vector<std::string> expand_prover_argv(const std::vector<std::string>& argv, const ProverValues& v);

// Whether some argument names {output} (else the proof is read from stdout).
bool prover_writes_output(const std::vector<std::string>& argv);

}  // namespace sa::jobs
