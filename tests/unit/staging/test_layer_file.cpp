// Layer files in one process: the labels live in Lotus's raw sc-02-data-layer-<l>.dat files (one copy),
// the HDF5 index describes them as external storage (HDF5 itself reads the same bytes), slices round-trip,
// the index appears only when published, a Lotus cache without an index opens from the .dat files alone,
// and missing, short or foreign files are refused.
#include <gtest/gtest.h>

#include <fstream>
#include <vector>

#include "base/error.hpp"
#include <hdf5.h>

#include "hdf5/layer_file.hpp"
#include "layout/cache_files.hpp"
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

std::vector<std::uint8_t> file_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

TEST(LayerFile, TheLabelsAreLotusRawLayerFilesAndTheIndexPointsAtThem) {
  test::TempDir dir;
  const std::uint64_t n = 256;
  {
    LayerFile f = LayerFile::create(dir / layers_h5_name(), n, 2, false);
    for (int l = 1; l <= 2; ++l) f.write(l, 0, n, pattern(n, l).data());
    f.publish();
  }
  for (int l = 1; l <= 2; ++l) {
    EXPECT_EQ(file_bytes(dir / layer_dat_name(l)), pattern(n, l)) << "raw labels, no header: layer " << l;
  }
  EXPECT_LT(std::filesystem::file_size(dir / layers_h5_name()), 16384u) << "the index holds no labels";
  // HDF5 itself reads layer 2 through the index's external storage (relative to the index's directory).
  hid_t dapl = H5Pcreate(H5P_DATASET_ACCESS);
  H5Pset_efile_prefix(dapl, "${ORIGIN}");
  hid_t file = H5Fopen((dir / layers_h5_name()).c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  hid_t ds = H5Dopen2(file, "layer-2", dapl);
  ASSERT_GE(ds, 0);
  std::vector<std::uint8_t> via_hdf5(n * 32);
  EXPECT_GE(H5Dread(ds, H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, via_hdf5.data()), 0);
  H5Dclose(ds);
  H5Fclose(file);
  H5Pclose(dapl);
  EXPECT_EQ(via_hdf5, pattern(n, 2));

  // A cache a real lotus-worker left: only the .dat files.
  std::filesystem::remove(dir / layers_h5_name());
  LayerFile lotus = LayerFile::open_lotus(dir.path(), n, 2);
  std::vector<std::uint8_t> got(n * 32);
  lotus.read(1, 0, n, got.data());
  EXPECT_EQ(got, pattern(n, 1));
  std::filesystem::resize_file(dir / layer_dat_name(2), n * 32 - 32);
  try {
    LayerFile::open_lotus(dir.path(), n, 2);
    ADD_FAILURE() << "a short layer was opened";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(layer_dat_name(2) + " is 8160 bytes, not 8192"), std::string::npos) << e.what();
  }
  std::filesystem::remove(dir / layer_dat_name(2));
  EXPECT_THROW(LayerFile::open_lotus(dir.path(), n, 2), Error);
}

TEST(LayerFile, RefusesMissingAndCorruptFiles) {
  test::TempDir dir;
  EXPECT_THROW(LayerFile::open(dir / "none.h5", false), Error);
  std::ofstream(dir / "junk.h5") << "this is not hdf5";
  EXPECT_THROW(LayerFile::open(dir / "junk.h5", false), Error);
}

}  // namespace
}  // namespace sa::staging
