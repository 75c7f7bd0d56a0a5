// render_job_script: job tags, template lookup order, strict variables, launch lines per launcher and the
// header-placement check.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "bash_harness.hpp"
#include "render/job_script.hpp"
#include "render/launch_command.hpp"
#include "render/template_source.hpp"

namespace sa::adapter {
namespace {

using namespace sa::adapter::testing;

SiteConfig site_in(const std::filesystem::path& templates_dir) {
  SiteConfig s;
  s.state_dir = "/srv/sa";
  s.templates_dir = templates_dir;
  s.job_binary = "/opt/sa/bin/sa-job";
  return s;
}

JobRequest request(Launcher l = Launcher::Direct) {
  JobRequest r;
  r.partition = "cpu";
  r.ntasks = 2;
  r.cpus_per_task = 3;
  r.memory_bytes = 1ull << 30;
  r.time_limit_minutes = 15;
  r.launcher = l;
  return r;
}

JobScriptContext context() {
  JobScriptContext c;
  c.job_name = "sa-1000-9-AP-a1";
  c.manifest = "/srv/sa/jobs/1/manifest.json";
  c.stage = "addpiece";
  return c;
}

std::string error_of(const JobRequest& r, const JobScriptContext& c, const SiteConfig& s, const Partition& p) {
  try {
    render_job_script(r, c, s, p);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Config);
    return e.what();
  }
  ADD_FAILURE() << "rendered without error";
  return "";
}

TEST(JobScript, JobTag) {
  EXPECT_EQ(job_tag("sa", 1000, 9, TaskType::PreCommit1, 2), "sa-1000-9-PC1-a2");
  EXPECT_EQ(job_tag("fil01", 123456, 0, TaskType::FinalizeUnsealed, 1), "fil01-123456-0-FUS-a1");
}

TEST(JobScript, LaunchLinePerLauncher) {
  const std::string prog = "'/b/sa-job' 'pc1' --manifest '/m.json'";
  EXPECT_EQ(launch_command(request(Launcher::Srun), "/b/sa-job", "pc1", "/m.json"),
            "exec srun --mpi=pmix --ntasks=2 --cpus-per-task=3 " + prog);
  EXPECT_EQ(launch_command(request(Launcher::Mpirun), "/b/sa-job", "pc1", "/m.json"),
            "exec mpirun -n 2 --map-by node --bind-to none " + prog);
  EXPECT_EQ(launch_command(request(Launcher::Direct), "/b/sa-job", "pc1", "/m.json"), "exec " + prog);
}

TEST(JobScript, BuiltinDefaultWhenNoTemplatesDir) {
  const std::string script = render_job_script(request(), context(), site_in(""), Partition{});
  EXPECT_EQ(script.rfind("#!/bin/bash\n#SBATCH --job-name=sa-1000-9-AP-a1\n", 0), 0u) << script;
  EXPECT_NE(script.find("set -euo pipefail\n"), std::string::npos);
  EXPECT_NE(script.find("\nexec '/opt/sa/bin/sa-job' 'addpiece' --manifest '/srv/sa/jobs/1/manifest.json'\n"),
            std::string::npos)
      << script;
  EXPECT_NE(builtin_default_template().find("{{{sbatch_directives}}}"), std::string::npos);
}

TEST(JobScript, BuiltinDefaultIsTheTemplateInTheSourceTree) {
  EXPECT_EQ(builtin_default_template(),
            read_file(std::filesystem::path(SA_SOURCE_DIR) / "templates" / "default.sh.mustache"));
}

TEST(JobScript, TemplateLookupOrder) {
  TempDir dir;
  const SiteConfig site = site_in(dir.path());
  Partition p;
  p.name = "gpu";
  // 1. no default.sh.mustache in templates_dir: the built-in one
  EXPECT_EQ(find_job_template(site, p).origin, "<built-in default>");
  // 2. templates_dir/default.sh.mustache replaces it
  write_file(dir.path() / "default.sh.mustache", "#!/bin/sh\n{{{sbatch_directives}}}\n# site default\n{{{launch_command}}}\n");
  EXPECT_EQ(find_job_template(site, p).origin, (dir.path() / "default.sh.mustache").string());
  EXPECT_NE(render_job_script(request(), context(), site, p).find("# site default"), std::string::npos);
  // 3. a partition template by name
  write_file(dir.path() / "partitions" / "gpu.sh.mustache", "#!/bin/sh\n{{{sbatch_directives}}}\n# gpu\n{{{launch_command}}}\n");
  p.template_name = "gpu";
  EXPECT_NE(render_job_script(request(), context(), site, p).find("# gpu"), std::string::npos);
  // 4. or by absolute path
  write_file(dir.path() / "elsewhere.mustache", "#!/bin/sh\n{{{sbatch_directives}}}\n# abs\n{{{launch_command}}}\n");
  p.template_name = (dir.path() / "elsewhere.mustache").string();
  EXPECT_NE(render_job_script(request(), context(), site, p).find("# abs"), std::string::npos);
}

TEST(JobScript, UnknownTemplateNamesAreConfigErrors) {
  TempDir dir;
  Partition p;
  p.name = "gpu";
  p.template_name = "nope";
  EXPECT_NE(error_of(request(), context(), site_in(dir.path()), p).find("unknown template"), std::string::npos);
  EXPECT_NE(error_of(request(), context(), site_in(""), p).find("sets no templates_dir"), std::string::npos);
  p.template_name = "../default";
  EXPECT_NE(error_of(request(), context(), site_in(dir.path()), p).find("plain name"), std::string::npos);
  p.template_name = "/nonexistent/t.mustache";
  EXPECT_NE(error_of(request(), context(), site_in(dir.path()), p).find("cannot read"), std::string::npos);
}

TEST(JobScript, TemplateMistakesAreCaught) {
  TempDir dir;
  const SiteConfig site = site_in(dir.path());
  Partition p;
  p.template_name = "t";
  auto with_template = [&](const std::string& text) {
    write_file(dir.path() / "partitions" / "t.sh.mustache", text);
    return error_of(request(), context(), site, p);
  };
  EXPECT_NE(with_template("#!/bin/sh\n{{{sbatch_directives}}}\nexec x {{manfest}}\n").find("unknown variable {{manfest}}"),
            std::string::npos);
  EXPECT_NE(with_template("#!/bin/sh\n{{{sbatch_directives}}}\n{{> header}}\n").find("partials"), std::string::npos);
  EXPECT_NE(with_template("#!/bin/sh\n{{#env}}\n").find("template"), std::string::npos);  // unclosed section
  EXPECT_NE(with_template("{{{sbatch_directives}}}\n").find("must start with \"#!\""), std::string::npos);
  EXPECT_NE(with_template("#!/bin/sh\nset -e\n{{{sbatch_directives}}}\n").find("sbatch would not read"),
            std::string::npos);
  EXPECT_NE(with_template("#!/bin/sh\n  {{{sbatch_directives}}}\n").find("sbatch would not read"), std::string::npos);
  EXPECT_NE(with_template("#!/bin/sh\n# nothing\n").find("sbatch would not read"), std::string::npos);
}

TEST(JobScript, MissingInputsAreConfigErrors) {
  JobScriptContext c = context();
  SiteConfig s = site_in("");
  s.job_binary.clear();
  EXPECT_NE(error_of(request(), c, s, Partition{}).find("no job binary"), std::string::npos);
  c.job_binary = "/x/sa-job";  // the context's binary wins over the (empty) site one
  EXPECT_NO_THROW(render_job_script(request(), c, s, Partition{}));
  c.stage.clear();
  EXPECT_NE(error_of(request(), c, s, Partition{}).find("no stage"), std::string::npos);
  c = context();
  c.manifest.clear();
  EXPECT_NE(error_of(request(), c, site_in(""), Partition{}).find("no manifest"), std::string::npos);
}

TEST(JobScript, EnvNamesAreChecked) {
  JobRequest r = request();
  r.env["lower"] = "x";
  EXPECT_NE(error_of(r, context(), site_in(""), Partition{}).find("must match [A-Z_][A-Z0-9_]*"), std::string::npos);
  r.env.clear();
  r.env["A B"] = "x";
  EXPECT_THROW(render_job_script(r, context(), site_in(""), Partition{}), Error);
  r.env.clear();
  r.env["OK"] = std::string("a\0b", 3);
  EXPECT_NE(error_of(r, context(), site_in(""), Partition{}).find("NUL"), std::string::npos);
}

TEST(JobScript, ShippedPartitionTemplatesRender) {
  const SiteConfig site = site_in(std::filesystem::path(SA_SOURCE_DIR) / "templates");
  for (const char* name : {"gpu", "modules"}) {
    Partition p;
    p.template_name = name;
    for (int gpus : {0, 1}) {
      JobRequest r = request(Launcher::Srun);
      r.gpus = gpus;
      r.env["FIL_PROOFS_MAXIMIZE_CACHING"] = "1";
      TempDir dir;
      write_file(dir.path() / "job.sh", render_job_script(r, context(), site, p));
      EXPECT_EQ(bash_syntax_check(dir.path() / "job.sh"), 0) << name;
    }
  }
}

}  // namespace
}  // namespace sa::adapter
