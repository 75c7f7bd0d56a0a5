// HDF5 layer files in one process: slices round-trip, the file appears only when published, and a corrupt
// or foreign file is refused.
#include <gtest/gtest.h>

#include <fstream>
#include <vector>

#include "base/error.hpp"
#include "hdf5/layer_file.hpp"
#include "support/temp_dir.hpp"

namespace sa::staging {
namespace {

std::vector<std::uint8_t> pattern(std::uint64_t nodes, int layer) {
  std::vector<std::uint8_t> v(nodes * 32);
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<std::uint8_t>(i * 131 + static_cast<std::size_t>(layer) * 7);
  return v;
}

TEST(LayerFile, SlicesRoundTripAndPublishIsAtomic) {
  test::TempDir dir;
  const std::uint64_t n = 1000;
  auto path = dir / "layers.h5";
  {
    LayerFile f = LayerFile::create(path, n, 2, false);
    EXPECT_FALSE(std::filesystem::exists(path)) << "visible before publish";
    for (int l = 1; l <= 2; ++l) {
      auto data = pattern(n, l);
      f.write(l, 0, 600, data.data());
      f.write(l, 600, 400, data.data() + 600 * 32);
    }
    f.publish();
  }
  ASSERT_TRUE(std::filesystem::exists(path));
  EXPECT_FALSE(std::filesystem::exists(dir / "layers.h5.partial"));
  LayerFile r = LayerFile::open(path, false);
  EXPECT_EQ(r.nodes(), n);
  EXPECT_EQ(r.layers(), 2);
  for (int l = 1; l <= 2; ++l) {
    auto want = pattern(n, l);
    std::vector<std::uint8_t> got(100 * 32);
    r.read(l, 450, 100, got.data());
    EXPECT_TRUE(std::equal(got.begin(), got.end(), want.begin() + 450 * 32)) << "layer " << l;
  }
  std::vector<std::uint8_t> buf(32);
  EXPECT_THROW(r.read(3, 0, 1, buf.data()), Error);
  EXPECT_THROW(r.read(1, 999, 2, buf.data()), Error);
}

TEST(LayerFile, RefusesMissingAndCorruptFiles) {
  test::TempDir dir;
  EXPECT_THROW(LayerFile::open(dir / "none.h5", false), Error);
  std::ofstream(dir / "junk.h5") << "this is not hdf5";
  EXPECT_THROW(LayerFile::open(dir / "junk.h5", false), Error);
}

}  // namespace
}  // namespace sa::staging
