// ramfs's mount options: size=N[k|m|g|t|%], read as Linux's tmpfs reads them.
#include <fs/ramfs/ramfs.hpp>
#include <kstd/parse_number.hpp>
#include <mm/frames.hpp>

namespace fs {

namespace {

constexpr kstd::StringView BAD_SIZE = "bad size (N[k|m|g|t|%])";

// The page limit `value` (what follows "size=") asks for; nothing when it does not parse.
kstd::Optional<uint64_t> parse_size(kstd::StringView value, uint64_t memory_pages)
{
    if (value.empty())
        return {};
    char suffix = value[value.size() - 1];
    bool has_suffix = suffix < '0' || suffix > '9';
    auto number = kstd::parse_unsigned(has_suffix ? value.substring(0, value.size() - 1) : value);
    if (!number)
        return {};
    if (suffix == '%') {
        uint64_t scaled;
        if (__builtin_mul_overflow(number.value(), memory_pages, &scaled))
            return {};
        return scaled / 100;
    }
    unsigned shift = 0;
    if (has_suffix) {
        switch (suffix) {
        case 'k': case 'K': shift = 10; break;
        case 'm': case 'M': shift = 20; break;
        case 'g': case 'G': shift = 30; break;
        case 't': case 'T': shift = 40; break;
        default: return {};
        }
    }
    if (number.value() > (UINT64_MAX >> shift))
        return {};
    uint64_t bytes = number.value() << shift;
    return bytes / mm::PAGE_SIZE + (bytes % mm::PAGE_SIZE != 0);
}

} // namespace

kstd::Result<void> parse_ramfs_options(kstd::StringView text, uint64_t memory_pages, RamfsOptions& options)
{
    uint64_t page_limit = memory_pages / 2;
    TRY(for_each_mount_option(text, [&](kstd::StringView option) -> kstd::Result<void> {
        if (!option.starts_with("size="))
            return kstd::Error::with_detail(kstd::Errno::InvalidArgument, "unknown option");
        auto pages = parse_size(option.substring(5), memory_pages);
        if (!pages)
            return kstd::Error::with_detail(kstd::Errno::InvalidArgument, BAD_SIZE);
        page_limit = pages.value();
        return {};
    }));
    options.page_limit = page_limit;
    return {};
}

} // namespace fs
