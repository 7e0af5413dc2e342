// Looking up options on the kernel command line (see cmdline.hpp).
#include <cmdline/cmdline.hpp>
#include <hal/boot.hpp>
#include <kstd/verify.hpp>
#include <log/log.hpp>

namespace cmdline {

namespace {

// Calls `visit(word)` for each word of `line` (runs of spaces separate them).
template<typename Visit>
void for_each_word(kstd::StringView line, Visit visit)
{
    size_t start = 0;
    while (start < line.size()) {
        size_t end = line.find(' ', start);
        if (end == kstd::StringView::npos)
            end = line.size();
        if (end > start)
            visit(line.substring(start, end - start));
        start = end + 1;
    }
}

bool is_kernel_parameter(kstd::StringView name)
{
    for (kstd::StringView parameter : KERNEL_PARAMETERS)
        if (name == parameter)
            return true;
    return false;
}

void add_word(kstd::StringView word, kstd::StringView* words, size_t& count, size_t& dropped)
{
    if (count == InitWords::MAX)
        ++dropped;
    else
        words[count++] = word;
}

} // namespace

kstd::Optional<kstd::StringView> find_in(kstd::StringView line, kstd::StringView name)
{
    kstd::Optional<kstd::StringView> found;
    for_each_word(line, [&](kstd::StringView word) {
        if (word.starts_with(name) && word.size() > name.size() && word[name.size()] == '=')
            found = word.substring(name.size() + 1);
    });
    return found;
}

InitWords init_words_in(kstd::StringView line)
{
    InitWords words;
    bool after_dashes = false;
    for_each_word(line, [&](kstd::StringView word) {
        size_t equals = word.find('=');
        kstd::StringView name = word.substring(0, equals == kstd::StringView::npos ? word.size() : equals);
        if (after_dashes)
            add_word(word, words.arguments, words.argument_count, words.dropped);
        else if (word == "--")
            after_dashes = true;
        else if (is_kernel_parameter(name) || name.find('.') != kstd::StringView::npos)
            return;
        else if (equals != kstd::StringView::npos)
            add_word(word, words.environment, words.environment_count, words.dropped);
        else
            add_word(word, words.arguments, words.argument_count, words.dropped);
    });
    return words;
}

InitWords init_words()
{
    return init_words_in(hal::boot_cmdline());
}

kstd::StringView option_in(kstd::StringView line, kstd::StringView name)
{
    kstd::Optional<kstd::StringView> found = find_in(line, name);
    return found ? found.value() : kstd::StringView {};
}

kstd::StringView option(kstd::StringView name)
{
    VERIFY(is_kernel_parameter(name));
    return option_in(hal::boot_cmdline(), name);
}

Choice choice_in(kstd::StringView line, kstd::StringView name,
                 kstd::Span<const kstd::StringView> allowed, kstd::StringView fallback)
{
    kstd::Optional<kstd::StringView> found = find_in(line, name);
    if (!found)
        return { fallback, false, {} };
    for (kstd::StringView value : allowed) {
        if (found.value() == value)
            return { value, false, {} };
    }
    return { fallback, true, found.value() };
}

void write_rejection(kstd::Writer& out, kstd::StringView name, const Choice& choice,
                     kstd::Span<const kstd::StringView> allowed)
{
    kstd::format_to(out, "cmdline: {}={}: unknown value (", name, choice.given);
    for (size_t index = 0; index < allowed.size(); ++index) {
        kstd::StringView separator = index == 0 ? "" : index + 1 == allowed.size() ? " or " : ", ";
        kstd::format_to(out, "{}{}", separator, allowed[index]);
    }
    kstd::format_to(out, "); using {}", choice.value);
}

kstd::StringView choice(kstd::StringView name, kstd::Span<const kstd::StringView> allowed,
                        kstd::StringView fallback)
{
    VERIFY(is_kernel_parameter(name));
    Choice found = choice_in(hal::boot_cmdline(), name, allowed, fallback);
    if (found.rejected) {
        klog::Record record;
        record.level = klog::Level::Warning;
        write_rejection(record.text, name, found, allowed);
        klog::append(record);
    }
    return found.value;
}

} // namespace cmdline
