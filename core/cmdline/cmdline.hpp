// The kernel command line: space-separated words, each `name` or `name=value`
// (GRUB passes what follows the kernel path; the sim takes --cmdline).
//
//     if (auto value = cmdline::option("ktest"); !value.empty()) ...
#pragma once
#include <kstd/string_view.hpp>

namespace cmdline {

// The value of `name=value` in `line`; empty when absent (or given without a value).
kstd::StringView option_in(kstd::StringView line, kstd::StringView name);
// The same on the kernel's own command line.
kstd::StringView option(kstd::StringView name);

} // namespace cmdline
