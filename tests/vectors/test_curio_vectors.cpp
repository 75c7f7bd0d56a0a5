// curio__golden-commr-and-encoding.txt: (A) 8 real 32GiB tree-r-last roots → comm_r_last through the 8-8-0
// compound root, p_aux = comm_c ‖ comm_r_last, the derived comm_r and its CID; (B) the 2KiB encoding fixture:
// encode(unsealed, key) = sealed and decode(sealed, key) = unsealed for all 64 nodes, plus its comm_d.
// Every data line must be understood.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "piece/cid.hpp"
#include "piece/commitment.hpp"
#include "piece/tree_root.hpp"
#include "porep/encode.hpp"
#include "tree/comm_r.hpp"
#include "tree/compound_tree.hpp"
#include "tree/tree_shape.hpp"
#include "vector_files.hpp"

namespace sa::kernels {
namespace {

using namespace sa::vectors;

class CurioVectors : public ::testing::Test {
 protected:
  void SetUp() override {
    SA_LOAD_VECTOR_FILE(text, "curio__golden-commr-and-encoding.txt");
    const std::regex root(R"(^tree_r_last_root\[(\d)\] = ([0-9a-f]{64})$)");
    const std::regex value(R"(^(.+?)\s+=\s+([0-9a-z]+)(\s+\(.*)?$)");
    for (const auto& l : split_lines(text)) {
      if (is_comment_or_blank(l)) continue;
      std::smatch m;
      if (std::regex_match(l, m, root)) {
        roots_[std::stoi(m[1])] = commitment_from_hex(m[2].str());
      } else if (std::regex_match(l, m, value)) {
        values_[std::string(trim(m[1].str()))] = m[2];
      } else {
        ADD_FAILURE() << "vector line not understood: " << l;
      }
    }
  }

  std::string value(const std::string& key) {
    auto it = values_.find(key);
    if (it == values_.end()) {
      ADD_FAILURE() << "missing line: " << key;
      return {};
    }
    return it->second;
  }

  std::map<int, Commitment> roots_;
  std::map<std::string, std::string> values_;
};

TEST_F(CurioVectors, TreeRLastRootsToCommRLastPAuxAndCommR) {
  ASSERT_EQ(roots_.size(), 8u);
  std::vector<Commitment> roots;
  for (const auto& [i, r] : roots_) roots.push_back(r);
  const TreeShape shape = tree_shape(std::uint64_t{32} << 25);  // 32GiB in nodes
  ASSERT_EQ(shape.base_trees, 8);
  const Commitment comm_r_last = compound_root(roots, shape);
  EXPECT_EQ(to_hex(comm_r_last), value("comm_r_last"));

  const PAux p{commitment_from_hex(value("comm_c")), comm_r_last};
  const auto bytes = p_aux_bytes(p);
  EXPECT_EQ(hex_of(bytes.data(), bytes.size()), value("p_aux (64 bytes = comm_c || comm_r_last)"));
  const PAux parsed = parse_p_aux(bytes.data(), bytes.size());
  EXPECT_EQ(parsed.comm_r_last, comm_r_last);

  const Commitment cr = comm_r(p.comm_c, comm_r_last);
  EXPECT_EQ(to_hex(cr), value("comm_r (DERIVED here = Poseidon_arity2(tag 3)(comm_c, comm_r_last))"));
  EXPECT_EQ(comm_r_cid(cr), value("comm_r sealed CID (DERIVED)"));
}

TEST_F(CurioVectors, EncodingFixture2KiB) {
  const auto unsealed = bytes_from_hex(value("unsealed_2048_hex"));
  const auto key = bytes_from_hex(value("key_2048_hex"));
  const auto sealed = bytes_from_hex(value("sealed_2048_hex"));
  ASSERT_EQ(unsealed.size(), 2048u);
  ASSERT_EQ(key.size(), 2048u);
  ASSERT_EQ(sealed.size(), 2048u);

  auto buf = unsealed;
  encode_nodes(key.data(), buf.data(), 64);
  EXPECT_EQ(buf, sealed);
  decode_nodes(key.data(), buf.data(), 64);
  EXPECT_EQ(buf, unsealed);

  const Commitment comm_d = tree_root(unsealed.data(), 64);
  EXPECT_EQ(to_hex(comm_d), value("comm_d of the unsealed 2048 bytes (DERIVED: SHA-256-trunc254 binary tree)"));
  EXPECT_EQ(comm_d_cid(comm_d), value("comm_d CID (DERIVED)"));
}

}  // namespace
}  // namespace sa::kernels
