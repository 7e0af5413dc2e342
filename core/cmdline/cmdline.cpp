// Looking up options on the kernel command line (see cmdline.hpp).
#include <cmdline/cmdline.hpp>
#include <hal/boot.hpp>
#include <log/log.hpp>

namespace cmdline {

kstd::Optional<kstd::StringView> find_in(kstd::StringView line, kstd::StringView name)
{
    kstd::Optional<kstd::StringView> found;
    size_t start = 0;
    while (start < line.size()) {
        size_t end = line.find(' ', start);
        if (end == kstd::StringView::npos)
            end = line.size();
        kstd::StringView word = line.substring(start, end - start);
        if (word.starts_with(name) && word.size() > name.size() && word[name.size()] == '=')
            found = word.substring(name.size() + 1);
        start = end + 1;
    }
    return found;
}

kstd::StringView option_in(kstd::StringView line, kstd::StringView name)
{
    kstd::Optional<kstd::StringView> found = find_in(line, name);
    return found ? found.value() : kstd::StringView {};
}

kstd::StringView option(kstd::StringView name)
{
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
