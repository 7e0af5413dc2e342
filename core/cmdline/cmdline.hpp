// The kernel command line: space-separated words, each `name` or `name=value`
// (GRUB passes what follows the kernel path; the sim takes --cmdline).
//
//     if (auto value = cmdline::option("ktest"); !value.empty()) ...
//
// The kernel reads only its own parameters (KERNEL_PARAMETERS: asking for another is a
// bug); as on Linux, the other words are init's (init_words): `name=value` words go to its
// environment and the rest to its arguments, and every word after `--` is an argument.
// A word whose name has a dot (`module.option=1`) is a module's parameter, which Linux
// keeps from init too.
//
// An option that takes one of a fixed set of values (heap=slab|list|block|bump,
// status=on|off) is read with choice(): a value outside the set, an empty one (`heap=`)
// included, is reported in the kernel log the same way for every option, and the default
// is used, as Linux does with an unknown early parameter value.
#pragma once
#include <kstd/format.hpp>
#include <kstd/optional.hpp>
#include <kstd/span.hpp>
#include <kstd/string_view.hpp>

namespace cmdline {

// heap, init, rootsize and status are every kernel's; ktest and ktest_random the test
// kernels'.
inline constexpr kstd::StringView KERNEL_PARAMETERS[] = { "heap", "init", "rootsize", "status", "ktest",
                                                          "ktest_random" };

// The words of a command line that are init's, in order.
struct InitWords {
    static constexpr size_t MAX = 32; // of each kind, as Linux's MAX_INIT_ARGS and MAX_INIT_ENVS
    kstd::StringView arguments[MAX];
    size_t argument_count = 0;
    kstd::StringView environment[MAX];
    size_t environment_count = 0;
    size_t dropped = 0; // words beyond MAX
};
InitWords init_words_in(kstd::StringView line);
// The same on the kernel's own command line.
InitWords init_words();

// The value of `name=value` in `line`; empty when absent (or given without a value).
kstd::StringView option_in(kstd::StringView line, kstd::StringView name);
// The same on the kernel's own command line.
kstd::StringView option(kstd::StringView name);
// The value of `name=value` in `line` (possibly empty: `name=`); nothing when no word
// `name=...` is there. The last such word wins, as on Linux.
kstd::Optional<kstd::StringView> find_in(kstd::StringView line, kstd::StringView name);

// What `line` says about an option that takes one of `allowed`.
struct Choice {
    kstd::StringView value;      // the value in effect: the one given, or `fallback`
    bool rejected = false;       // a value was given and it is not one of `allowed`
    kstd::StringView given;      // what was given, when rejected
};
Choice choice_in(kstd::StringView line, kstd::StringView name,
                 kstd::Span<const kstd::StringView> allowed, kstd::StringView fallback);
// The warning for a rejected choice, as the log shows it:
// "cmdline: heap=bogus: unknown value (slab, list, block or bump); using slab".
void write_rejection(kstd::Writer& out, kstd::StringView name, const Choice& choice,
                     kstd::Span<const kstd::StringView> allowed);
// choice_in() on the kernel's own command line; a rejected value is logged as a warning.
kstd::StringView choice(kstd::StringView name, kstd::Span<const kstd::StringView> allowed,
                        kstd::StringView fallback);

} // namespace cmdline
