// Looking up options on the kernel command line (see cmdline.hpp).
#include <cmdline/cmdline.hpp>
#include <hal/boot.hpp>

namespace cmdline {

kstd::StringView option_in(kstd::StringView line, kstd::StringView name)
{
    size_t start = 0;
    while (start < line.size()) {
        size_t end = line.find(' ', start);
        if (end == kstd::StringView::npos)
            end = line.size();
        kstd::StringView word = line.substring(start, end - start);
        if (word.starts_with(name) && word.size() > name.size() && word[name.size()] == '=')
            return word.substring(name.size() + 1);
        start = end + 1;
    }
    return {};
}

kstd::StringView option(kstd::StringView name)
{
    return option_in(hal::boot_cmdline(), name);
}

} // namespace cmdline
