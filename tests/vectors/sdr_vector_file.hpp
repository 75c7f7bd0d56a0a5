// Parser of derived__sdr-parents-and-labels.txt, shared by the SDR parent and label vector tests: one
// SdrSection per "## SECTION:" with its graph, seeds, per-node parent lists and per-(layer, node) labels.
// Lines it does not recognise are collected so the tests can insist that every line is covered.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "graph/graph_spec.hpp"
#include "vector_files.hpp"

namespace sa::vectors {

struct SdrSection {
  std::string title;
  std::optional<kernels::GraphSpec> spec;  // from "registered proof id N" or "N-node test graph ... [Ku8;32]"
  std::string trust;                       // the TRUST comment, joined
  std::string porep_id_hex;  // only where the section prints it
  std::string drg_seed_hex;
  std::vector<std::uint64_t> feistel_keys;
  std::optional<std::array<std::uint64_t, 4>> precompute;  // num_elements, left_mask, right_mask, half_bits
  std::map<std::uint64_t, std::array<std::uint32_t, 14>> parents;
  std::map<std::pair<int, std::uint64_t>, std::string> labels;  // (layer, node) -> hex
};

struct SdrVectorFile {
  std::vector<SdrSection> sections;
  std::vector<std::string> unrecognised;  // data lines and key comments no rule matched
};

inline SdrVectorFile parse_sdr_vector_file(const std::string& text) {
  static const std::regex section_re(R"(^## SECTION: (.*)$)");
  static const std::regex proof_re(R"(registered proof id (\d+))");
  static const std::regex test_graph_re(R"((\d+)-node test graph, porep_id = .*\(\[(\d+)u8;32\]\).*, (\d+) layers)");
  static const std::regex parents_re(R"(^(?:parents )?node (\d+):((?: \d+){14})$)");
  static const std::regex label_re(R"(^label layer (\d+) node (\d+): ([0-9a-f]{64})$)");
  static const std::regex seed_re(R"(^# drg_seed(?: \(28 bytes\))?: ([0-9a-f]{56})$)");
  static const std::regex keys_re(R"(^# feistel keys(?: \(u64, hex\))?: ([0-9a-f ]+)$)");
  static const std::regex precompute_re(
      R"(^# feistel precompute for num_elements=(\d+): left_mask=0x([0-9a-f]+) right_mask=0x([0-9a-f]+) half_bits=(\d+)$)");
  SdrVectorFile file;
  bool in_trust = false;
  for (const std::string& line : split_lines(text)) {
    std::smatch m;
    if (std::regex_search(line, m, section_re)) {
      SdrSection s;
      s.title = m[1];
      std::smatch t;
      if (std::regex_search(s.title, t, proof_re)) {
        s.spec = kernels::GraphSpec::for_proof(params::SealProof{std::stoll(t[1])});
      } else if (std::regex_search(s.title, t, test_graph_re)) {
        kernels::PorepId porep{};
        porep.fill(static_cast<std::uint8_t>(std::stoi(t[2])));
        s.spec = kernels::GraphSpec::for_porep_id(std::stoull(t[1]), std::stoi(t[3]), porep);
      }
      file.sections.push_back(std::move(s));
      in_trust = false;
      continue;
    }
    if (is_comment_or_blank(line) && file.sections.empty()) continue;  // file header
    if (file.sections.empty()) {
      file.unrecognised.push_back(line);
      continue;
    }
    SdrSection& s = file.sections.back();
    if (line.rfind("# TRUST:", 0) == 0) {
      in_trust = true;
      s.trust = line.substr(8);
    } else if (std::regex_search(line, m, seed_re)) {
      s.drg_seed_hex = m[1];
    } else if (std::regex_search(line, m, keys_re)) {
      for (const std::string& k : split_fields(m[1].str(), ' ')) s.feistel_keys.push_back(std::stoull(k, nullptr, 16));
    } else if (std::regex_search(line, m, precompute_re)) {
      s.precompute = std::array<std::uint64_t, 4>{std::stoull(m[1]), std::stoull(m[2], nullptr, 16),
                                                  std::stoull(m[3], nullptr, 16), std::stoull(m[4])};
    } else if (std::regex_search(line, m, parents_re)) {
      std::array<std::uint32_t, 14> p{};
      std::size_t i = 0;
      for (const std::string& f : split_fields(m[2].str(), ' ')) {
        if (!f.empty() && i < p.size()) p[i++] = static_cast<std::uint32_t>(std::stoul(f));
      }
      s.parents[std::stoull(m[1])] = p;
    } else if (std::regex_search(line, m, label_re)) {
      s.labels[{std::stoi(m[1]), std::stoull(m[2])}] = m[3];
    } else if (in_trust && line.rfind("#   ", 0) == 0) {
      s.trust += " " + std::string(trim(line.substr(1)));
    } else if (line.rfind("# porep_id hex: ", 0) == 0) {
      s.porep_id_hex = trim(line.substr(16));
    } else if (is_comment_or_blank(line)) {
      in_trust = false;  // prose
    } else {
      file.unrecognised.push_back(line);
    }
  }
  return file;
}

}  // namespace sa::vectors
