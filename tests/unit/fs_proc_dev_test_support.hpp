// Helpers shared by the procfs and devfs tests: FsTest (a ramfs root on a fresh kernel
// heap) with directories to mount on, the errno and directory listings of paths, and
// reading a file in small pieces.
#pragma once
#include "fs_test_support.hpp"

#include <fs/devfs/devfs.hpp>
#include <fs/path_walk.hpp>
#include <fs/procfs/procfs.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace fs_test {

// The lines of a generated file, without their '\n'.
inline std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

struct SpecialFsTest : FsTest {
    // The whole file (a failure is reported, and reads as "").
    std::string read_text(const std::string& path)
    {
        auto text = read_file(path);
        EXPECT_TRUE(text.has_value()) << path;
        return text.value_or("");
    }

    // Makes directory `path` and mounts `superblock` (from make_procfs, mount_devfs) on it.
    void mount_at(const std::string& path, kstd::Result<fs::Superblock*> superblock,
                  const std::string& source)
    {
        ASSERT_FALSE(superblock.is_error());
        ASSERT_EQ(error_of(context->mkdir(view(path))), 0);
        fs::WalkStart start { *vfs, vfs->root(), vfs->root() };
        auto found = fs::resolve(start, view(path), fs::FollowLast::Yes);
        ASSERT_FALSE(found.is_error());
        ASSERT_FALSE(vfs->mount(*found.value().target, superblock.value(), view(source)).is_error());
    }

    // The errno of opening `path` with `flags` (0 when it opens; it is closed again).
    int open_error(const std::string& path, uint32_t flags)
    {
        auto fd = context->open(view(path), flags);
        if (!fd.is_error()) {
            EXPECT_FALSE(context->close(fd.value()).is_error());
        }
        return error_of(fd);
    }

    // The errno of writing `text` to `path`, opened for writing (0 when all of it went).
    int write_error(const std::string& path, const std::string& text)
    {
        auto fd = context->open(view(path), fs::open_flags::WRITE_ONLY);
        if (fd.is_error())
            return error_of(fd);
        kstd::Span<const uint8_t> bytes { reinterpret_cast<const uint8_t*>(text.data()), text.size() };
        auto written = context->write(fd.value(), bytes);
        EXPECT_FALSE(context->close(fd.value()).is_error());
        if (!written.is_error()) {
            EXPECT_EQ(written.value(), text.size());
        }
        return error_of(written);
    }

    // The names in directory `path` (with "." and ".."), in readdir's order.
    std::vector<std::string> list(const std::string& path)
    {
        std::vector<std::string> names;
        auto fd = context->open(view(path), fs::open_flags::READ_ONLY | fs::open_flags::DIRECTORY);
        EXPECT_FALSE(fd.is_error());
        if (fd.is_error())
            return names;
        fs::DirectoryEntry entry;
        for (;;) {
            auto more = context->readdir(fd.value(), entry);
            EXPECT_FALSE(more.is_error());
            if (more.is_error() || !more.value())
                break;
            names.emplace_back(entry.name, entry.name_length);
        }
        EXPECT_FALSE(context->close(fd.value()).is_error());
        return names;
    }

    // Everything left in open file `fd`, read `piece_size` bytes at a time.
    std::string read_in_pieces(int fd, size_t piece_size)
    {
        std::string text;
        std::vector<uint8_t> piece(piece_size);
        for (;;) {
            auto got = context->read(fd, { piece.data(), piece.size() });
            EXPECT_FALSE(got.is_error());
            if (got.is_error() || got.value() == 0)
                return text;
            text.append(reinterpret_cast<char*>(piece.data()), got.value());
        }
    }
};

// /proc and /dev mounted on the ramfs root, as at boot.
struct ProcfsTest : SpecialFsTest {
    ProcfsTest()
    {
        mount_at("/proc", fs::make_procfs(*vfs), "proc");
        mount_at("/dev", fs::mount_devfs("devfs"), "devfs");
    }
};

} // namespace fs_test
