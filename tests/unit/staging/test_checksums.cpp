// Checksums and checksum manifests: a changed, truncated or missing file is refused with its name.
#include <gtest/gtest.h>

#include <fstream>

#include "base/error.hpp"
#include "publish/checksum.hpp"
#include "publish/checksum_manifest.hpp"
#include "support/temp_dir.hpp"

namespace sa::staging {
namespace {

void write(const std::filesystem::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

TEST(Checksum, IsStableIncrementalAndSensitive) {
  std::string data(100000, 'x');
  Checksum inc;
  inc.update(data.data(), 1000);
  inc.update(data.data() + 1000, data.size() - 1000);
  EXPECT_EQ(inc.hex(), checksum_bytes(data.data(), data.size()));
  EXPECT_EQ(inc.hex().size(), 32u);
  data[5000] = 'y';
  EXPECT_NE(inc.hex(), checksum_bytes(data.data(), data.size()));
  EXPECT_EQ(checksum_bytes("", 0), "99aa06d3014798d86001c324468d497f");  // XXH3-128 of the empty input
}

TEST(ChecksumManifest, DetectsEveryKindOfDamage) {
  test::TempDir dir;
  write(dir / "a.dat", std::string(4096, 'a'));
  write(dir / "b.dat", "bbbb");
  ChecksumManifest m;
  m.stage = "pc1";
  m.add_file(dir.path(), "a.dat");
  m.add_file(dir.path(), "b.dat");
  m.add({"layers.h5:layer-1", 64, "00"});
  write_checksum_manifest(dir.path(), m);
  auto back = read_checksum_manifest(dir.path(), "pc1");
  ASSERT_EQ(back.entries.size(), 3u);
  EXPECT_NO_THROW(verify_files(dir.path(), back));
  EXPECT_NO_THROW(verify_files(dir.path(), back, {"b.dat"}));

  std::string flipped(4096, 'a');
  flipped[100] = 'b';
  write(dir / "a.dat", flipped);
  try {
    verify_files(dir.path(), back);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Corrupt);
    EXPECT_NE(std::string(e.what()).find("a.dat: checksum mismatch"), std::string::npos) << e.what();
  }
  EXPECT_NO_THROW(verify_files(dir.path(), back, {"b.dat"}));
  write(dir / "b.dat", "bbb");
  EXPECT_THROW(verify_files(dir.path(), back, {"b.dat"}), Error);  // truncated
  std::filesystem::remove(dir / "b.dat");
  EXPECT_THROW(verify_files(dir.path(), back, {"b.dat"}), Error);  // missing
  EXPECT_THROW(verify_files(dir.path(), back, {"c.dat"}), Error);  // not listed
  EXPECT_THROW(read_checksum_manifest(dir.path(), "pc2"), Error);
}

}  // namespace
}  // namespace sa::staging
