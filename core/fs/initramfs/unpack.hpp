// Unpacking an initramfs (a cpio newc archive) into the file system at boot.
//
// Every entry becomes a file, directory or symbolic link under "/" with the archive's
// permission bits; a missing parent directory is made on the way. A file with several names
// (hard links: entries sharing an inode number) becomes one file with several names, as in
// the archive. Device nodes, FIFOs and sockets are skipped with a warning, as are paths
// with ".." in them. A broken archive stops the unpacking with its error; what was unpacked
// before stays.
#pragma once
#include <fs/context.hpp>

namespace fs {

struct UnpackSummary {
    uint64_t files = 0;
    uint64_t directories = 0;
    uint64_t symlinks = 0;
    uint64_t skipped = 0;
    uint64_t bytes = 0;
};

kstd::Result<UnpackSummary> unpack_initramfs(Context& context, kstd::Span<const uint8_t> archive);

} // namespace fs
