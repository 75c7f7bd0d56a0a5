// The #SBATCH header of a job script, written so Slurm 22.05's sbatch reads back exactly our values
// (get_argument in src/sbatch/opt.c): arguments split on whitespace; '...' and "..." group; a backslash
// escapes the next quote, backslash or '#' (not whitespace: the loop tests for it first); an unquoted '#'
// starts a comment; a line cannot continue past '\n'.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mapping/job_request.hpp"
#include "render/job_script.hpp"

namespace sa::adapter {

// A value as one sbatch argument fragment: unchanged when it holds nothing sbatch treats specially,
// otherwise "..." with '"' and '\' backslash-escaped. Throws sa::Error(Config) naming `field` when the
// value holds a control character (newline, NUL, tab, ...), which no #SBATCH line can carry.
std::string sbatch_quote(std::string_view value, std::string_view field);

// What sbatch makes of the text after "#SBATCH" on one line: the argument list, as get_argument yields it.
// Throws sa::Error(Config) where sbatch would stop with a fatal error (unmatched quote, leading ':').
std::vector<std::string> parse_sbatch_arguments(std::string_view line);

// The directive lines ("#SBATCH --job-name=...") for a request, in the documented order, without a
// trailing newline. Throws sa::Error(Config) naming the field that cannot be written safely.
std::string sbatch_directives(const JobRequest& request, const JobScriptContext& ctx, const Partition& partition);

// The "#SBATCH" lines sbatch would honour in a whole script: it reads them only up to the first line that
// is not a comment, and only where "#SBATCH" starts the line.
std::vector<std::string> visible_sbatch_lines(std::string_view script);

}  // namespace sa::adapter
