// Hostile values end to end: a rendered script (every launcher) passes `bash -n`, and when bash runs it the
// job binary - itself at a hostile path - receives its stage, manifest and every env value byte for byte,
// while nothing in those values gets executed. srun and mpirun are stand-ins on PATH that record their
// arguments and exec the rest, as the real launchers start the binary.
#include <gtest/gtest.h>

#include <map>

#include "bash_harness.hpp"
#include "render/job_script.hpp"
#include "render/sbatch_directives.hpp"

namespace sa::adapter {
namespace {

using namespace sa::adapter::testing;

// Every character a directory name can hold that quoting cares about, newline included.
const std::string kHostileDir = "bin dir 'q' \"dq\" $(touch pwned) `touch pwned` #h \\b\nnl ~ *";

const char* kDumpBinary =
    "#!/bin/bash\n"
    "printf '%s\\0' \"$0\" \"$@\" > \"$SA_TEST_OUT/args\"\n"
    "env -0 > \"$SA_TEST_OUT/env\"\n";

// Record the launcher's own options, drop them (srun: 3 words, mpirun: 6) and start the program.
std::string fake_launcher(int options) {
  return "#!/bin/bash\nprintf '%s\\0' \"$@\" > \"$SA_TEST_OUT/launcher-args\"\nshift " + std::to_string(options) +
         "\nexec \"$@\"\n";
}

std::map<std::string, std::string> parse_env(const std::string& bytes) {
  std::map<std::string, std::string> env;
  for (const std::string& rec : split_nul(bytes)) {
    const auto eq = rec.find('=');
    if (eq != std::string::npos) env[rec.substr(0, eq)] = rec.substr(eq + 1);
  }
  return env;
}

class HostileScript : public ::testing::TestWithParam<Launcher> {};

TEST_P(HostileScript, BashDeliversEveryValueExactly) {
  TempDir dir;
  const auto binary = dir.path() / kHostileDir / "sa-job";
  write_file(binary, kDumpBinary, true);
  write_file(dir.path() / "fakebin" / "srun", fake_launcher(3), true);
  write_file(dir.path() / "fakebin" / "mpirun", fake_launcher(6), true);

  JobRequest r;
  r.partition = "p q'\"#\\";
  r.account = "$(touch pwned) `touch pwned`";
  r.qos = "#not-a-comment";
  r.launcher = GetParam();
  r.ntasks = 1;
  const auto& values = hostile_values();
  for (std::size_t i = 0; i < values.size(); ++i) r.env["HOSTILE_" + std::to_string(i)] = values[i];

  JobScriptContext ctx;
  ctx.job_name = "sa-1000-9-PC1-a1 'x' \"y\" #z";
  ctx.comment = "$(touch pwned)";
  ctx.job_binary = binary;
  ctx.stage = "pc1 $(touch pwned) 'x'\n\"y\"";
  ctx.manifest = dir.path() / kHostileDir / "manifest 'm'.json";
  ctx.output = dir.path() / "out #1 'x'.log";
  ctx.workdir = dir.path();

  SiteConfig site;
  const std::string script = render_job_script(r, ctx, site, Partition{});
  write_file(dir.path() / "job.sh", script);
  ASSERT_EQ(bash_syntax_check(dir.path() / "job.sh"), 0) << script;

  const std::string path_env = "PATH=" + (dir.path() / "fakebin").string() + ":/usr/bin:/bin";
  ASSERT_EQ(run_bash(dir.path() / "job.sh", {"SA_TEST_OUT=" + dir.path().string(), path_env}, dir.path()), 0)
      << script;

  EXPECT_EQ(split_nul(read_file(dir.path() / "args")),
            (std::vector<std::string>{binary.string(), ctx.stage, "--manifest", ctx.manifest.string()}));
  const auto env = parse_env(read_file(dir.path() / "env"));
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string name = "HOSTILE_" + std::to_string(i);
    ASSERT_TRUE(env.count(name)) << name;
    EXPECT_EQ(env.at(name), values[i]) << name;
  }
  if (GetParam() == Launcher::Srun) {
    EXPECT_EQ(split_nul(read_file(dir.path() / "launcher-args")),
              (std::vector<std::string>{"--mpi=pmix", "--ntasks=1", "--cpus-per-task=1", binary.string(), ctx.stage,
                                        "--manifest", ctx.manifest.string()}));
  }
  if (GetParam() == Launcher::Mpirun) {
    EXPECT_EQ(split_nul(read_file(dir.path() / "launcher-args")).at(0), "-n");
  }
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "pwned"));

  // And sbatch would read the header back as exactly our values.
  for (const std::string& line : visible_sbatch_lines(script)) {
    const auto args = parse_sbatch_arguments(std::string_view(line).substr(7));
    ASSERT_EQ(args.size(), 1u) << line;
  }
  const std::string header = sbatch_directives(r, ctx, Partition{});
  EXPECT_NE(header.find("#SBATCH --partition=\"p q'\\\"#\\\\\""), std::string::npos) << header;
}

INSTANTIATE_TEST_SUITE_P(Launchers, HostileScript,
                         ::testing::Values(Launcher::Direct, Launcher::Srun, Launcher::Mpirun),
                         [](const ::testing::TestParamInfo<Launcher>& p) { return std::string(launcher_name(p.param)); });

}  // namespace
}  // namespace sa::adapter
