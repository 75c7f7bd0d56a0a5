// Every kind of site-file mistake is a Config error "test.toml:LINE: ..." pointing at the right line.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "config/site_config.hpp"

namespace sa::adapter {
namespace {

struct ErrorCase {
  const char* name;
  const char* toml;
  int line;
  const char* says;  // a fragment of the message
};

// Lines are counted from the first line of each snippet (no leading newline).
const ErrorCase kCases[] = {
    {"unknown top-level key", "state_dir = \"/s\"\ncolour = \"red\"\n", 2, "unknown key 'colour'"},
    {"unknown partition key",
     "state_dir = \"/s\"\n[[partition]]\nname = \"cpu\"\ncpus_per_node = 2\nmemory_per_node = \"1G\"\nspeed = 9\n",
     6, "unknown key 'speed' in partition 'cpu'"},
    {"wrong type", "state_dir = \"/s\"\n[[partition]]\nname = \"cpu\"\nnodes = \"3\"\n", 4, "must be an integer"},
    {"negative cpus",
     "state_dir = \"/s\"\n[[partition]]\nname = \"cpu\"\ncpus_per_node = -2\nmemory_per_node = \"1G\"\n", 4,
     "at least 1"},
    {"zero nodes",
     "state_dir = \"/s\"\n[[partition]]\nname = \"cpu\"\nnodes = 0\ncpus_per_node = 2\nmemory_per_node = \"1G\"\n",
     4, "'nodes' in partition 'cpu' must be at least 1"},
    {"unknown task type in a multi-line list",
     "state_dir = \"/s\"\n[[partition]]\nname = \"cpu\"\ncpus_per_node = 2\nmemory_per_node = \"1G\"\n"
     "tasks = [\n  \"AP\",\n  \"PC3\",\n]\n",
     8, "unknown task type \"PC3\""},
    {"unknown PC2 placement", "state_dir = \"/s\"\npc2_placement = \"nearby\"\n", 2, "unknown placement \"nearby\""},
    {"unknown memory policy at the top", "state_dir = \"/s\"\nmemory_policy = \"most\"\n", 2,
     "unknown memory policy \"most\""},
    {"unknown memory policy in a partition",
     "state_dir = \"/s\"\n[[partition]]\nname = \"cpu\"\ncpus_per_node = 2\nmemory_per_node = \"1G\"\n"
     "memory_policy = \"swap\"\n",
     6, "unknown memory policy \"swap\""},
    {"walltime that does not parse", "state_dir = \"/s\"\n[walltime]\nPC1 = \"eight hours\"\n", 3,
     "cannot read \"eight hours\""},
    {"zero walltime", "state_dir = \"/s\"\n[walltime]\ndefault = \"0\"\n", 3, "cannot read \"0\""},
    {"walltime for an unknown size", "state_dir = \"/s\"\n[walltime.C2]\n16GiB = \"2h\"\n", 3,
     "unknown sector size \"16GiB\""},
    {"walltime for an unknown task", "state_dir = \"/s\"\n[walltime]\nWDP = \"2h\"\n", 3, "unknown task type \"WDP\""},
    {"duplicate partition names",
     "state_dir = \"/s\"\n[[partition]]\nname = \"cpu\"\ncpus_per_node = 2\nmemory_per_node = \"1G\"\n"
     "[[partition]]\nname = \"cpu\"\ncpus_per_node = 2\nmemory_per_node = \"1G\"\n",
     6, "duplicate partition name 'cpu' (first defined at line 2)"},
    {"tasks and lotus-worker flags together",
     "state_dir = \"/s\"\n[[partition]]\nname = \"cpu\"\ncpus_per_node = 2\nmemory_per_node = \"1G\"\n"
     "tasks = [\"AP\"]\nprecommit1 = false\n",
     7, "sets both 'tasks' and the lotus-worker flag 'precommit1'"},
    {"flag of the wrong type",
     "state_dir = \"/s\"\n[[partition]]\nname = \"cpu\"\ncpus_per_node = 2\nmemory_per_node = \"1G\"\naddpiece = \"yes\"\n",
     6, "must be true or false"},
    {"auto with the slurm backend",
     "state_dir = \"/s\"\n[[partition]]\nname = \"cpu\"\ncpus_per_node = \"auto\"\nmemory_per_node = \"1G\"\n", 4,
     "only allowed with backend = \"local\""},
    {"missing node shape with the slurm backend", "state_dir = \"/s\"\n\n[[partition]]\nname = \"cpu\"\n", 3,
     "needs 'cpus_per_node'"},
    {"memory that does not parse",
     "state_dir = \"/s\"\n[[partition]]\nname = \"cpu\"\ncpus_per_node = 2\nmemory_per_node = \"3 GB\"\n", 5,
     "cannot read \"3 GB\" as a size"},
    {"zero memory",
     "state_dir = \"/s\"\n[[partition]]\nname = \"cpu\"\ncpus_per_node = 2\nmemory_per_node = 0\n", 5,
     "must be more than 0"},
    {"negative size", "state_dir = \"/s\"\nmin_job_memory = -1\n", 2, "must not be negative"},
    {"unknown launcher",
     "state_dir = \"/s\"\n[[partition]]\nname = \"cpu\"\ncpus_per_node = 2\nmemory_per_node = \"1G\"\nlauncher = \"ssh\"\n",
     6, "unknown launcher \"ssh\""},
    {"unknown backend", "backend = \"pbs\"\nstate_dir = \"/s\"\n", 1, "unknown backend \"pbs\""},
    {"lower-case env name",
     "state_dir = \"/s\"\n[[partition]]\nname = \"cpu\"\ncpus_per_node = 2\nmemory_per_node = \"1G\"\n"
     "[partition.env]\nOK = \"1\"\nlower = \"x\"\n",
     8, "\"lower\" in partition 'cpu' must match"},
    {"extra directive that is not an option",
     "state_dir = \"/s\"\n[[partition]]\nname = \"cpu\"\ncpus_per_node = 2\nmemory_per_node = \"1G\"\n"
     "extra_directives = [\n  \"--constraint=ib\",\n  \"constraint=ib\",\n]\n",
     8, "must be an sbatch option"},
    {"newline in a partition name",
     "state_dir = \"/s\"\n[[partition]]\nname = \"cpu\\n#SBATCH --uid=0\"\n", 3, "control character"},
    {"tab in an account", "state_dir = \"/s\"\naccount = \"a\\tb\"\n", 2, "control character"},
    {"gpu type without gpus",
     "state_dir = \"/s\"\n[[partition]]\nname = \"cpu\"\ncpus_per_node = 2\nmemory_per_node = \"1G\"\ngpu_type = \"a100\"\n",
     6, "'gpus_per_node' is 0"},
    {"negative gpus",
     "state_dir = \"/s\"\n[[partition]]\nname = \"cpu\"\ncpus_per_node = 2\nmemory_per_node = \"1G\"\ngpus_per_node = -1\n",
     6, "0 or more"},
    {"unknown [allow] key", "state_dir = \"/s\"\n[allow]\nAllowAddPiece = false\nAllowPoSt = false\n", 4,
     "unknown key 'AllowPoSt' in [allow]"},
    {"partition without a name", "state_dir = \"/s\"\n[[partition]]\ncpus_per_node = 2\n", 2, "non-empty 'name'"},
    {"no partitions", "state_dir = \"/s\"\n", 1, "no [[partition]]"},
    {"no state_dir", "[[partition]]\nname = \"cpu\"\n", 1, "needs 'state_dir'"},
    {"instance with a dash", "state_dir = \"/s\"\ninstance = \"my-sa\"\n", 2, "'instance' must be"},
    {"TOML syntax error", "state_dir = \"/s\"\n[[partition]\nname = \"cpu\"\n", 2, ""},
    {"partition given as a plain table", "state_dir = \"/s\"\n[partition]\nname = \"cpu\"\n", 2,
     "array of tables"},
};

TEST(SiteErrors, EachMistakeNamesFileAndLine) {
  for (const ErrorCase& c : kCases) {
    SCOPED_TRACE(c.name);
    try {
      parse_site(c.toml, "test.toml", "/etc/sa");
      ADD_FAILURE() << "parsed without error";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Config);
      const std::string msg = e.what();
      const std::string prefix = "test.toml:" + std::to_string(c.line) + ": ";
      EXPECT_EQ(msg.rfind(prefix, 0), 0u) << msg;
      EXPECT_NE(msg.find(c.says), std::string::npos) << msg;
    }
  }
}

TEST(SiteErrors, UnreadableFileIsAConfigError) {
  try {
    load_site_file("/nonexistent/dir/site.toml");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Config);
    EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/site.toml"), std::string::npos);
  }
}

TEST(SiteErrors, ATaskTypeNoPartitionAcceptsIsFine) {
  // Accepted quietly: the site simply does not run that type here (choose_partition reports it if asked).
  EXPECT_NO_THROW(parse_site("state_dir = \"/s\"\n[[partition]]\nname = \"c\"\ncpus_per_node = 2\n"
                             "memory_per_node = \"1G\"\ntasks = [\"AP\"]\n",
                             "test.toml", "/etc/sa"));
}

}  // namespace
}  // namespace sa::adapter
