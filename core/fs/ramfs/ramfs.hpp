// ramfs: a file system that lives in memory, Keel's root file system.
//
// Directories are lists of names; file contents live in whole pages, held in a radix tree
// of page-sized nodes (page_store.hpp), so a file can grow as far as memory goes and a file
// with holes holds pages only where something was written. Pages come from an
// mm::PageSource: the buddy allocator in the kernel, a fake in host tests. When the source
// runs dry, or the mount's page limit is reached, writes fail with ENOSPC (like Linux's
// tmpfs); running out of heap for an inode or a name is ENOMEM. Nothing panics.
//
// The limit comes from the mount's options, as tmpfs takes them (mount -o size=...): half
// of the RAM by default, so that files cannot take the memory the kernel needs to work
// (and to let them be removed).
#pragma once
#include <fs/superblock.hpp>
#include <mm/heap/page_source.hpp>

namespace fs {

struct RamfsOptions {
    mm::PageSource* pages = nullptr;
    // At most this many pages (data and index); 0 for as many as the source gives.
    uint64_t page_limit = 0;
    // How many more pages the source could give, for df; nullptr when unknown.
    uint64_t (*free_pages)() = nullptr;
};

// Reads a mount's options into `options.page_limit`, the way tmpfs reads them: "size=N"
// with an optional suffix k, m, g or t (KiB, MiB, GiB, TiB; upper case too) or % (of
// `memory_pages`), rounded up to whole pages; size=0 is no limit. Without size= the limit
// is half of `memory_pages`. EINVAL (with a detail) for an option ramfs does not know, or
// a size that does not parse or overflows.
kstd::Result<void> parse_ramfs_options(kstd::StringView text, uint64_t memory_pages, RamfsOptions& options);

// A new ramfs holding an empty root directory (mode 0755).
kstd::Result<Superblock*> make_ramfs(const RamfsOptions& options);

} // namespace fs
