// #SBATCH quoting against Slurm 22.05 sbatch's get_argument rules (src/sbatch/opt.c): the reader is checked
// on hand-worked lines first, then every hostile value must read back as exactly one argument.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "bash_harness.hpp"
#include "render/sbatch_directives.hpp"

namespace sa::adapter {
namespace {

using Args = std::vector<std::string>;

TEST(SbatchArguments, ReaderFollowsGetArgument) {
  EXPECT_EQ(parse_sbatch_arguments(" --a=b c"), (Args{"--a=b", "c"}));
  EXPECT_EQ(parse_sbatch_arguments("--a=\"b c\""), (Args{"--a=b c"}));
  EXPECT_EQ(parse_sbatch_arguments("--a='b c'"), (Args{"--a=b c"}));
  // The loop tests for whitespace before it looks at the escape flag: "\ " does NOT keep a space.
  EXPECT_EQ(parse_sbatch_arguments("--a=b\\ c"), (Args{"--a=b", "c"}));
  EXPECT_EQ(parse_sbatch_arguments("--a=b # comment --c"), (Args{"--a=b"}));
  EXPECT_EQ(parse_sbatch_arguments("--a=b#c --d"), (Args{"--a=b"}));
  EXPECT_EQ(parse_sbatch_arguments("--a=\"b#c\""), (Args{"--a=b#c"}));
  EXPECT_EQ(parse_sbatch_arguments("--a=\\#b"), (Args{"--a=#b"}));
  EXPECT_EQ(parse_sbatch_arguments("--a=\"b\\\"c\""), (Args{"--a=b\"c"}));
  EXPECT_EQ(parse_sbatch_arguments("--a=\"b'c\""), (Args{"--a=b'c"}));
  EXPECT_EQ(parse_sbatch_arguments("--a='b\"c'"), (Args{"--a=b\"c"}));
  EXPECT_EQ(parse_sbatch_arguments("--a=\"b\\\\c\""), (Args{"--a=b\\c"}));
  EXPECT_EQ(parse_sbatch_arguments("--a=b\\"), (Args{"--a=b"}));       // a trailing backslash escapes nothing
  EXPECT_EQ(parse_sbatch_arguments("\"\" --x"), (Args{}));              // an empty argument ends the line
  EXPECT_EQ(parse_sbatch_arguments("   "), (Args{}));
  EXPECT_THROW(parse_sbatch_arguments("--a=\"b"), Error);               // sbatch: fatal "Unmatched `\"`"
  EXPECT_THROW(parse_sbatch_arguments(" :x"), Error);                   // sbatch: fatal "Unexpected `:`"
}

TEST(SbatchQuote, ExactForms) {
  EXPECT_EQ(sbatch_quote("cpu", "f"), "cpu");
  EXPECT_EQ(sbatch_quote("/a/b-c_d.e:f@g%j,h+i=j", "f"), "/a/b-c_d.e:f@g%j,h+i=j");
  EXPECT_EQ(sbatch_quote("a b", "f"), "\"a b\"");
  EXPECT_EQ(sbatch_quote("x\"y", "f"), "\"x\\\"y\"");
  EXPECT_EQ(sbatch_quote("a\\b", "f"), "\"a\\\\b\"");
  EXPECT_EQ(sbatch_quote("a#b", "f"), "\"a#b\"");
  EXPECT_EQ(sbatch_quote("it's", "f"), "\"it's\"");
  EXPECT_EQ(sbatch_quote("", "f"), "\"\"");
}

TEST(SbatchQuote, EveryHostileValueReadsBackAsOneArgument) {
  for (const std::string& v : testing::hostile_line_values()) {
    const std::string line = " --account=" + sbatch_quote(v, "account");
    EXPECT_EQ(parse_sbatch_arguments(line), (Args{"--account=" + v})) << line;
  }
}

TEST(SbatchQuote, ControlCharactersAreRejectedNamingTheField) {
  for (const std::string& bad : {std::string("a\nb"), std::string("a\rb"), std::string("a\tb"),
                                 std::string("a\0b", 3), std::string("\x7f")}) {
    try {
      sbatch_quote(bad, "account");
      ADD_FAILURE() << "accepted a control character";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Config);
      EXPECT_NE(std::string(e.what()).find("the account contains a control character"), std::string::npos);
    }
  }
}

JobRequest request() {
  JobRequest r;
  r.partition = "cpu";
  r.nodes = 1;
  r.ntasks = 2;
  r.cpus_per_task = 4;
  r.memory_bytes = (16ull << 30) + 1;
  r.gpus = 1;
  r.gpu_type = "a100";
  r.tmp_bytes = 1ull << 30;
  r.time_limit_minutes = 90;
  r.nice = 7;
  r.account = "acct";
  r.qos = "normal";
  r.exclude_nodes = {"n1", "n2"};
  r.extra_directives = {"--constraint=\"ib&sha\"", "-C ib"};
  return r;
}

JobScriptContext context() {
  JobScriptContext c;
  c.job_name = "sa-1000-9-PC2-a1";
  c.comment = "sa 1000 9";
  c.output = "/s/jobs/x/job.log";
  c.workdir = "/s/jobs/x";
  return c;
}

TEST(SbatchDirectives, AllFieldsInOrder) {
  Partition p;
  p.tmp_per_node = 1ull << 40;
  EXPECT_EQ(sbatch_directives(request(), context(), p),
            "#SBATCH --job-name=sa-1000-9-PC2-a1\n"
            "#SBATCH --comment=\"sa 1000 9\"\n"
            "#SBATCH --partition=cpu\n"
            "#SBATCH --nodes=1\n"
            "#SBATCH --ntasks=2\n"
            "#SBATCH --cpus-per-task=4\n"
            "#SBATCH --mem=16385M\n"
            "#SBATCH --gres=gpu:a100:1\n"
            "#SBATCH --tmp=1024M\n"
            "#SBATCH --time=01:30:00\n"
            "#SBATCH --nice=7\n"
            "#SBATCH --account=acct\n"
            "#SBATCH --qos=normal\n"
            "#SBATCH --exclude=n1,n2\n"
            "#SBATCH --output=/s/jobs/x/job.log\n"
            "#SBATCH --chdir=/s/jobs/x\n"
            "#SBATCH --signal=B:USR1@120\n"
            "#SBATCH --constraint=\"ib&sha\"\n"
            "#SBATCH -C ib");
}

TEST(SbatchDirectives, OptionalFieldsAreLeftOut) {
  JobRequest r = request();
  r.gpus = 0;
  r.account.clear();
  r.qos.clear();
  r.exclude_nodes.clear();
  r.extra_directives.clear();
  JobScriptContext c = context();
  c.comment.clear();
  c.output.clear();
  c.workdir.clear();
  const std::string d = sbatch_directives(r, c, Partition{});  // tmp_per_node 0: no --tmp
  for (const char* absent : {"--gres", "--tmp", "--account", "--qos", "--exclude", "--comment", "--output",
                             "--chdir", "--constraint"}) {
    EXPECT_EQ(d.find(absent), std::string::npos) << absent;
  }
  EXPECT_NE(d.find("#SBATCH --signal=B:USR1@120"), std::string::npos);
  r.gpus = 2;
  r.gpu_type.clear();
  EXPECT_NE(sbatch_directives(r, c, Partition{}).find("#SBATCH --gres=gpu:2\n"), std::string::npos);
}

TEST(SbatchDirectives, HostileValuesInEveryTextField) {
  for (const std::string& v : testing::hostile_line_values()) {
    if (v.empty()) continue;
    JobRequest r = request();
    r.partition = v;
    r.account = v;
    r.qos = v;
    r.gpu_type = v;
    JobScriptContext c = context();
    c.job_name = v;
    c.comment = v;
    c.output = "/s/" + v;
    c.workdir = "/w/" + v;
    const std::string d = sbatch_directives(r, c, Partition{});
    std::vector<Args> parsed;
    for (const std::string& line : visible_sbatch_lines("#!/bin/bash\n" + d + "\n")) {
      parsed.push_back(parse_sbatch_arguments(std::string_view(line).substr(7)));
    }
    auto has = [&](const std::string& want) {
      for (const Args& a : parsed) {
        if (a == Args{want}) return true;
      }
      return false;
    };
    SCOPED_TRACE(v);
    EXPECT_TRUE(has("--job-name=" + v));
    EXPECT_TRUE(has("--comment=" + v));
    EXPECT_TRUE(has("--partition=" + v));
    EXPECT_TRUE(has("--account=" + v));
    EXPECT_TRUE(has("--qos=" + v));
    EXPECT_TRUE(has("--gres=gpu:" + v + ":1"));
    EXPECT_TRUE(has("--output=/s/" + v));
    EXPECT_TRUE(has("--chdir=/w/" + v));
  }
}

TEST(SbatchDirectives, NewlinesAreRejectedNamingTheField) {
  const std::pair<std::string, std::string> fields[] = {
      {"partition", "partition name"}, {"account", "account"}, {"qos", "QOS"}, {"job_name", "job name"},
      {"comment", "job comment"},      {"output", "output path"}, {"workdir", "working directory"}};
  for (const auto& [field, label] : fields) {
    JobRequest r = request();
    JobScriptContext c = context();
    const std::string evil = "x\n#SBATCH --uid=0";
    if (field == "partition") r.partition = evil;
    if (field == "account") r.account = evil;
    if (field == "qos") r.qos = evil;
    if (field == "job_name") c.job_name = evil;
    if (field == "comment") c.comment = evil;
    if (field == "output") c.output = evil;
    if (field == "workdir") c.workdir = evil;
    try {
      sbatch_directives(r, c, Partition{});
      ADD_FAILURE() << field;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("the " + label + " contains a control character"), std::string::npos)
          << e.what();
    }
  }
}

TEST(SbatchDirectives, ExtraDirectivesAreValidated) {
  JobRequest r = request();
  for (const char* bad : {"constraint=ib", "\"--x", "# --x", "--x\n--y", ""}) {
    r.extra_directives = {bad};
    EXPECT_THROW(sbatch_directives(r, context(), Partition{}), Error) << bad;
  }
  r.extra_directives = {"--exclusive", "-C 'a b'"};
  EXPECT_NO_THROW(sbatch_directives(r, context(), Partition{}));
}

TEST(SbatchDirectives, VisibleLinesStopAtTheFirstCommand) {
  const std::string script =
      "#!/bin/bash\n#SBATCH --a=1\n\n   # comment\n#SBATCH --b=2\n #SBATCH --indented\nset -e\n#SBATCH --late=3\n";
  EXPECT_EQ(visible_sbatch_lines(script), (Args{"#SBATCH --a=1", "#SBATCH --b=2"}));
}

}  // namespace
}  // namespace sa::adapter
