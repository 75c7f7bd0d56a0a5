// Golden job scripts: each tests/golden/render/NNN-<case>.toml is a site file whose first line says which
// task to render ("# golden: task=PC2 proof=8 priority=1024 miner=1000 sector=42 attempt=2 stage=pc2
// [ranks=N] [partition=NAME]"); the script must equal NNN-<case>.sh.expected byte for byte and pass bash -n.
// SA_UPDATE_GOLDEN=1 rewrites the expected files instead of comparing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "render/job_script.hpp"

namespace sa::adapter {
namespace {

const std::filesystem::path kDir = std::filesystem::path(SA_SOURCE_DIR) / "tests" / "golden" / "render";

std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::map<std::string, std::string> golden_header(const std::filesystem::path& site_file) {
  std::string first;
  std::ifstream in(site_file);
  std::getline(in, first);
  const std::string prefix = "# golden:";
  if (first.rfind(prefix, 0) != 0) throw std::runtime_error(site_file.string() + ": first line must be \"# golden: ...\"");
  std::map<std::string, std::string> kv;
  std::istringstream words(first.substr(prefix.size()));
  for (std::string w; words >> w;) {
    const auto eq = w.find('=');
    if (eq == std::string::npos) throw std::runtime_error(site_file.string() + ": bad header word " + w);
    kv[w.substr(0, eq)] = w.substr(eq + 1);
  }
  return kv;
}

std::string render_case(const std::filesystem::path& site_file) {
  auto h = golden_header(site_file);
  const SiteConfig site = load_site_file(site_file);
  const auto task = parse_task_type(h.at("task"));
  if (!task) throw std::runtime_error("unknown task " + h.at("task"));
  const TaskSpec spec{*task, params::SealProof{std::stoll(h.at("proof"))}, std::stoi(h.at("priority")),
                      h.count("ranks") ? std::stoi(h.at("ranks")) : 1};
  const ResourceTable table = ResourceTable::lotus_default();
  const Partition& partition = choose_partition(spec, table, site, h.count("partition") ? h.at("partition") : "");
  const JobRequest request = map_task(spec, table, partition, site);
  const std::string tag =
      job_tag(site.instance, std::stoull(h.at("miner")), std::stoull(h.at("sector")), *task, std::stoi(h.at("attempt")));
  const auto job_dir = site.state_dir / "jobs" / tag;
  JobScriptContext ctx;
  ctx.job_name = tag;
  ctx.comment = "sa:" + h.at("miner") + ":" + h.at("sector") + ":" + h.at("task") + ":a" + h.at("attempt");
  ctx.manifest = job_dir / "manifest.json";
  ctx.stage = h.at("stage");
  ctx.workdir = job_dir;
  ctx.output = job_dir / "job.log";
  return render_job_script(request, ctx, site, partition);
}

std::vector<std::string> cases() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(kDir)) {
    if (entry.path().extension() == ".toml") out.push_back(entry.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class GoldenRender : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenRender, MatchesExpectedScript) {
  const auto site_file = kDir / (GetParam() + ".toml");
  const auto expected_file = kDir / (GetParam() + ".sh.expected");
  const std::string script = render_case(site_file);

  const auto tmp = std::filesystem::temp_directory_path() / ("sa-golden-" + GetParam() + ".sh");
  std::ofstream(tmp, std::ios::binary) << script;
  EXPECT_EQ(std::system(("bash -n '" + tmp.string() + "'").c_str()), 0) << "bash -n failed";
  std::filesystem::remove(tmp);

  const char* update = std::getenv("SA_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(expected_file, std::ios::binary) << script;
    GTEST_SKIP() << "rewrote " << expected_file;
  }
  ASSERT_TRUE(std::filesystem::exists(expected_file)) << expected_file << " is missing; run with SA_UPDATE_GOLDEN=1";
  EXPECT_EQ(script, slurp(expected_file)) << "rendered script differs from " << expected_file
                                          << " (SA_UPDATE_GOLDEN=1 rewrites it)";
}

TEST(GoldenRenderSet, HasTheDocumentedCases) {
  const auto all = cases();
  EXPECT_GE(all.size(), 4u);
  for (const std::string& c : all) {
    EXPECT_TRUE(std::filesystem::exists(kDir / (c + ".sh.expected"))) << c;
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenRender, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<std::string>& p) {
                           std::string n = p.param;
                           for (char& c : n) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return n;
                         });

}  // namespace
}  // namespace sa::adapter
