// Option letters and operands (see options.hpp).
#include <shell/commands.hpp>
#include <shell/options.hpp>
#include <shell/shell.hpp>

namespace shell {

uint64_t Options::bit(char letter)
{
    if (letter >= 'a' && letter <= 'z')
        return uint64_t { 1 } << (letter - 'a');
    if (letter >= 'A' && letter <= 'Z')
        return uint64_t { 1 } << (26 + letter - 'A');
    return 0;
}

bool Options::parse(Shell& shell, const Arguments& arguments, kstd::StringView letters,
                    size_t minimum_operands)
{
    kstd::Span<const kstd::StringView> words = arguments.tail();
    size_t index = 0;
    m_letters = 0;
    for (; index < words.size() && words[index].size() > 1 && words[index][0] == '-'; ++index) {
        if (words[index] == "--") {
            ++index;
            break;
        }
        for (char letter : words[index].substring(1)) {
            if (!bit(letter) || letters.find(letter) == kstd::StringView::npos) {
                shell.error("{}: invalid option -- '{}'", arguments[0], letter);
                print_usage(*find_command(arguments[0]));
                return false;
            }
            m_letters |= bit(letter);
        }
    }
    m_operands = words.subspan(index, words.size() - index);
    return has_operands(shell, arguments, minimum_operands);
}

kstd::Span<const kstd::StringView> Options::operands_or_here() const
{
    static constexpr kstd::StringView HERE[] = { "." };
    return m_operands.empty() ? kstd::Span<const kstd::StringView>(HERE) : m_operands;
}

bool Options::has_operands(Shell& shell, const Arguments& arguments, size_t minimum) const
{
    if (m_operands.size() >= minimum)
        return true;
    shell.error("{}: missing operand", arguments[0]);
    print_usage(*find_command(arguments[0]));
    return false;
}

} // namespace shell
