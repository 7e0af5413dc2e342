// The simulator's command line: what the user asked for, or why it makes no sense.
#pragma once
#include <stddef.h>

#include <string>

namespace frontend {

struct Options {
    bool headless = false;
    size_t ram_bytes = 0;
    std::string cmdline;
    std::string font_path; // empty: the first default font that exists
    std::string initrd_path; // empty: no initial RAM disk
    int scale = 2;
};

enum class ParseOutcome { Run, ShowHelp, Invalid };

// Fills `options` from argv. For Invalid, `error` says what was wrong.
ParseOutcome parse_options(int argc, char** argv, Options& options, std::string& error);
void print_usage(const char* program, bool to_stderr);

inline constexpr int USAGE_EXIT_STATUS = 2;

} // namespace frontend
