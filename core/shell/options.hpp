// Options: the leading "-x" words of a command line, as POSIX utilities take them.
//
// `rm -rf a b`, `rm -r -f a b` and `ls -l -- -name` work: letters may be grouped, "--"
// ends the options, and a lone "-" is an operand. Options end at the first operand. An
// unknown letter or too few operands is a usage error, reported like coreutils
// ("ls: invalid option -- 'x'", "mkdir: missing operand") with the usage line after it.
#pragma once
#include <shell/arguments.hpp>

namespace shell {

class Shell;

class Options {
public:
    // Parses `arguments` against the option letters `letters` (e.g. "rfR"); false after
    // printing the complaint when an option is unknown or fewer than `minimum_operands`
    // operands follow.
    bool parse(Shell& shell, const Arguments& arguments, kstd::StringView letters,
               size_t minimum_operands = 0);

    // Whether at least `minimum` operands were given; complains if not (for commands whose
    // minimum depends on an option, like rm -f).
    bool has_operands(Shell& shell, const Arguments& arguments, size_t minimum) const;

    bool has(char letter) const { return m_letters & bit(letter); }
    kstd::Span<const kstd::StringView> operands() const { return m_operands; }
    // The operands, or "." when there are none (ls, tree).
    kstd::Span<const kstd::StringView> operands_or_here() const;

private:
    // a-z and A-Z map to bits 0-51; anything else to none.
    static uint64_t bit(char letter);

    uint64_t m_letters = 0;
    kstd::Span<const kstd::StringView> m_operands;
};

} // namespace shell
