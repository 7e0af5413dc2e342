// An initial RAM disk for a peer kernel: a cpio archive in the newc format that Linux (and
// Keel, core/fs/initramfs) unpacks at boot, written from a list of directories and host
// files. Every entry belongs to root; files keep their host permission bits.
#pragma once
#include <string>
#include <vector>

namespace bench {

struct ArchiveEntry {
    std::string path;      // in the archive, without a leading "/": "init", "bin/true"
    std::string host_file; // the file's content; empty for a directory
};

// Writes `entries`, in order, to `archive_path`; an error message, or empty on success.
std::string write_cpio(const std::string& archive_path, const std::vector<ArchiveEntry>& entries);

} // namespace bench
