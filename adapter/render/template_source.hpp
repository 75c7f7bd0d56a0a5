// Where a partition's job template comes from: partition.template_name -> <templates_dir>/partitions/
// <name>.sh.mustache (or an absolute path) -> <templates_dir>/default.sh.mustache -> the default template
// compiled into the binary (templates/default.sh.mustache at build time), so no source tree is needed.
#pragma once

#include <string>
#include <string_view>

#include "config/site_config.hpp"

namespace sa::adapter {

struct JobTemplate {
  std::string text;
  std::string origin;  // the file it came from, or "<built-in default>"
};

// Throws sa::Error(Config) for an unknown or unreadable template name.
JobTemplate find_job_template(const SiteConfig& site, const Partition& partition);

// templates/default.sh.mustache as it was when the binary was built.
std::string_view builtin_default_template();

}  // namespace sa::adapter
