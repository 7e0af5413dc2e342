// Reading a cpio archive in the "newc" format, the format of Linux's initramfs, in place.
//
// An archive is a run of entries. Each is a 110-byte ASCII header: the magic "070701"
// (or "070702", where a regular file's header carries the sum of its data bytes), then
// 13 fields of eight hex digits (inode, mode, uid, gid, nlink, mtime, filesize, devmajor,
// devminor, rdevmajor, rdevminor, namesize, check). The path name follows with its NUL,
// padded so the entry's data starts on a multiple of 4 bytes from the archive's start;
// then the data, padded the same way. A symlink's data is its target. A file with several
// names (hard links, nlink > 1) shares one inode number, and only the last of its entries
// carries the data. An entry named "TRAILER!!!" ends the archive; whatever follows it (the
// padding to a 512-byte block, say) is ignored.
//
// The archive is untrusted input: the reader never reads outside the span it was given,
// and every malformation is an EINVAL error whose detail says which. Entries come out
// with paths as stored except for a leading "./" (what `find . | cpio -o` writes), and
// the "." entry itself, the root, is skipped. Making sense of the paths (".." components,
// a parent missing, hard links) is the unpacker's business.
#pragma once
#include <kstd/result.hpp>
#include <kstd/span.hpp>
#include <kstd/string_view.hpp>
#include <stddef.h>
#include <stdint.h>

namespace fs::cpio {

struct Entry {
    kstd::StringView path;          // "etc/motd"; never empty, never starting with "./"
    uint32_t mode = 0;              // st_mode: the file type bits and the permission bits
    uint32_t inode = 0;
    uint32_t link_count = 0;
    uint32_t modified_seconds = 0;  // mtime, seconds since 1970
    kstd::Span<const uint8_t> data; // the contents; for a symlink, the target
};

class Reader {
public:
    explicit Reader(kstd::Span<const uint8_t> archive) : m_archive(archive) {}

    // Reads the next entry into `entry`: true when there was one, false once the trailer
    // has been reached (and on every call after it).
    kstd::Result<bool> next(Entry& entry);

private:
    kstd::Result<bool> read_entry(Entry& entry);

    kstd::Span<const uint8_t> m_archive;
    size_t m_offset = 0;
    bool m_at_end = false;
};

// Calls visit(const Entry&) -> kstd::Result<void> for every entry, in archive order;
// stops at the first error, the archive's or the visitor's.
template<typename Visitor>
kstd::Result<void> for_each_entry(kstd::Span<const uint8_t> archive, Visitor&& visit)
{
    Reader reader(archive);
    Entry entry;
    while (TRY(reader.next(entry)))
        TRY(visit(entry));
    return {};
}

} // namespace fs::cpio
