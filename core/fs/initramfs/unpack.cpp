// unpack_initramfs: the archive's entries replayed as mkdir, open+write, link and symlink.
#include <fs/initramfs/cpio_newc.hpp>
#include <fs/initramfs/unpack.hpp>
#include <kstd/fixed_string.hpp>
#include <kstd/fixed_vector.hpp>
#include <log/log.hpp>
#include <mm/heap/kmalloc.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;
using kstd::StringView;

namespace {

// Paths in an initramfs are short; longer ones are skipped rather than kept on the stack.
constexpr size_t UNPACKED_PATH_MAX = 1023;
using Path = kstd::FixedString<UNPACKED_PATH_MAX>;

// The first name of each file with several names, to link the later ones to.
struct FirstName {
    uint32_t inode;
    Path path;
};
constexpr size_t HARD_LINKED_FILES_MAX = 32;

bool has_dot_dot(StringView path)
{
    size_t start = 0;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == StringView::npos)
            end = path.size();
        if (path.substring(start, end - start) == "..")
            return true;
        start = end + 1;
    }
    return false;
}

// Makes every directory above `path` that is missing.
Result<void> make_parents(Context& context, StringView path)
{
    for (size_t slash = path.find('/', 1); slash != StringView::npos; slash = path.find('/', slash + 1)) {
        auto made = context.mkdir(path.substring(0, slash), 0755);
        if (made.is_error() && made.error().code() != Errno::AlreadyExists)
            return made.release_error();
    }
    return {};
}

// Creates or truncates `path` and writes `data` to it.
Result<void> write_file(Context& context, StringView path, Mode permissions, kstd::Span<const uint8_t> data)
{
    int fd = TRY(context.open(path, open_flags::WRITE_ONLY | open_flags::CREATE | open_flags::TRUNCATE, permissions));
    size_t done = 0;
    while (done < data.size()) {
        auto written = context.write(fd, data.subspan(done, data.size() - done));
        if (written.is_error()) {
            (void)context.close(fd);
            return written.release_error();
        }
        done += written.value();
    }
    return context.close(fd);
}

class Unpacker {
public:
    explicit Unpacker(Context& context) : m_context(context) {}

    Result<void> add(const cpio::Entry& entry)
    {
        if (has_dot_dot(entry.path) || entry.path.size() + 1 > UNPACKED_PATH_MAX) {
            klog::warn("initramfs: skipping '{}': a path with '..' or too long", entry.path);
            ++m_summary.skipped;
            return {};
        }
        Path path;
        kstd::format_to(path, "/{}", entry.path);
        TRY(make_parents(m_context, path.view()));
        Mode permissions = entry.mode & mode::PERMISSION_MASK;
        switch (file_type_of(entry.mode)) {
        case FileType::Directory: {
            auto made = m_context.mkdir(path.view(), permissions);
            if (made.is_error() && made.error().code() != Errno::AlreadyExists)
                return made.release_error();
            ++m_summary.directories;
            return {};
        }
        case FileType::Symlink: {
            StringView target(reinterpret_cast<const char*>(entry.data.data()), entry.data.size());
            TRY(m_context.symlink(target, path.view()));
            ++m_summary.symlinks;
            return {};
        }
        case FileType::Regular:
            if ((entry.mode & mode::TYPE_MASK) != mode::REGULAR)
                break;
            TRY(add_file(entry, path, permissions));
            return {};
        case FileType::CharDevice:
        case FileType::Fifo:
            break;
        }
        klog::warn("initramfs: skipping '{}': not a file, directory or link (mode {:o})", entry.path, entry.mode);
        ++m_summary.skipped;
        return {};
    }

    const UnpackSummary& summary() const { return m_summary; }

private:
    Result<void> add_file(const cpio::Entry& entry, const Path& path, Mode permissions)
    {
        m_summary.bytes += entry.data.size();
        if (entry.link_count > 1) {
            for (const FirstName& first : m_first_names) {
                if (first.inode != entry.inode)
                    continue;
                TRY(m_context.link(first.path.view(), path.view()));
                // In newc only the last name carries the data.
                return entry.data.empty() ? Result<void> {} : write_file(m_context, path.view(), permissions, entry.data);
            }
            if (!m_first_names.try_append(FirstName { entry.inode, path }))
                klog::warn("initramfs: more than {} files with several names; '{}' gets a copy", HARD_LINKED_FILES_MAX, entry.path);
        }
        ++m_summary.files;
        return write_file(m_context, path.view(), permissions, entry.data);
    }

    Context& m_context;
    UnpackSummary m_summary;
    kstd::FixedVector<FirstName, HARD_LINKED_FILES_MAX> m_first_names;
};

} // namespace

Result<UnpackSummary> unpack_initramfs(Context& context, kstd::Span<const uint8_t> archive)
{
    // On the heap: the table of first names is too big for a kernel stack.
    Unpacker* unpacker = mm::make<Unpacker>(context);
    if (!unpacker)
        return Errno::OutOfMemory;
    Mode saved_umask = context.umask();
    context.set_umask(0);
    auto unpacked = cpio::for_each_entry(archive, [&](const cpio::Entry& entry) { return unpacker->add(entry); });
    context.set_umask(saved_umask);
    UnpackSummary summary = unpacker->summary();
    mm::destroy(unpacker);
    if (unpacked.is_error())
        return unpacked.release_error();
    return summary;
}

} // namespace fs
