// getdents64 and faccessat of fs::Context, against the host's Linux where it can answer.
//
// getdents64: the same tree is made on Keel (a ramfs) and in a fresh host directory, and
// both are read whole with buffers of many sizes. The two list their entries in different
// orders (tmpfs and ramfs number positions their own way), so what is compared is each
// side's set of records (name, d_type, d_reclen), that every call returns whole records
// filling at most the buffer, and whether a size reads everything or stops with EINVAL
// (which happens exactly when some record is bigger than the whole buffer). On Keel alone:
// the record layout byte by byte, d_off as a place to lseek back to, end of file, ENOTDIR
// and EBADF.
//
// faccessat: Keel's caller is root; so is this test on the host (it is skipped when not),
// so access(2) on files of assorted modes must answer alike.
#include "fs_test_support.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>
#include <map>
#include <set>
#include <string>
#include <tuple>

namespace {

using fs_test::FsTest;
using namespace fs::open_flags;

constexpr int EBADF_ = 9, EACCES_ = 13, ENOTDIR_ = 20, EINVAL_ = 22, ENOENT_ = 2;

using Record = std::tuple<std::string, unsigned, unsigned>; // name, d_type, d_reclen

// Records parsed from one getdents64 answer; false if they are not whole or overrun.
bool parse(const uint8_t* buffer, size_t filled, std::multiset<Record>& records, std::vector<uint64_t>* offsets = nullptr)
{
    size_t at = 0;
    while (at < filled) {
        if (filled - at < 24)
            return false;
        uint16_t length;
        uint64_t next;
        memcpy(&length, buffer + at + 16, 2);
        memcpy(&next, buffer + at + 8, 8);
        if (length % 8 != 0 || length > filled - at)
            return false;
        const char* name = reinterpret_cast<const char*>(buffer + at + 19);
        size_t name_length = strnlen(name, length - 19);
        if (name_length == length - 19u)
            return false; // no NUL inside the record
        records.insert({ std::string(name, name_length), buffer[at + 18], length });
        if (offsets)
            offsets->push_back(next);
        at += length;
    }
    return true;
}

struct DirectoryEntriesTest : FsTest {
    std::vector<std::string> names()
    {
        std::vector<std::string> list = { "a", "seven77", "eight888", "sixteen_sixteen_", "dir", "link", "fifo_less" };
        list.push_back(std::string(255, 'n'));
        list.push_back(std::string(100, 'm'));
        return list;
    }
    // Makes the tree under `root` on both sides.
    void make_tree(const std::string& host_root)
    {
        for (const std::string& name : names()) {
            std::string keel_path = "/t/" + name, host_path = host_root + "/" + name;
            if (name == "dir") {
                ASSERT_FALSE(context->mkdir(view(keel_path)).is_error());
                ASSERT_EQ(::mkdir(host_path.c_str(), 0755), 0);
            } else if (name == "link") {
                ASSERT_FALSE(context->symlink("a", view(keel_path)).is_error());
                ASSERT_EQ(::symlink("a", host_path.c_str()), 0);
            } else {
                ASSERT_EQ(write_file(keel_path, "x"), 0);
                int fd = ::open(host_path.c_str(), O_CREAT | O_WRONLY, 0644);
                ASSERT_GE(fd, 0);
                ::close(fd);
            }
        }
    }
    // Reads directory `fd` whole with `size`-byte buffers: its records, or EINVAL's errno
    // in `error`; false if a call broke the rules.
    template<typename Call>
    bool read_all(size_t size, Call call, std::multiset<Record>& records, int& error)
    {
        std::vector<uint8_t> buffer(size);
        error = 0;
        for (int calls = 0; calls < 1000; ++calls) {
            long filled = call(buffer.data(), size);
            if (filled < 0) {
                error = static_cast<int>(-filled);
                return true;
            }
            if (filled == 0)
                return true;
            if (static_cast<size_t>(filled) > size || !parse(buffer.data(), filled, records))
                return false;
        }
        return false;
    }
};

TEST_F(DirectoryEntriesTest, Getdents64AgreesWithTheHost)
{
    char pattern[] = "/tmp/keel-getdents-XXXXXX";
    ASSERT_TRUE(::mkdtemp(pattern));
    std::string host_root = pattern;
    ASSERT_FALSE(context->mkdir("/t").is_error());
    make_tree(host_root);
    for (size_t size : { 1u, 23u, 24u, 25u, 31u, 32u, 40u, 64u, 100u, 127u, 128u, 279u, 280u, 281u, 512u, 4096u }) {
        int keel_fd = context->open("/t", READ_ONLY | DIRECTORY).value();
        int host_fd = ::open(host_root.c_str(), O_RDONLY | O_DIRECTORY);
        ASSERT_GE(host_fd, 0);
        std::multiset<Record> keel_records, host_records;
        int keel_error = 0, host_error = 0;
        bool keel_ok = read_all(size, [&](uint8_t* buffer, size_t length) -> long {
            auto filled = context->getdents64(keel_fd, { buffer, length });
            return filled.is_error() ? -error_of(filled) : static_cast<long>(filled.value());
        }, keel_records, keel_error);
        bool host_ok = read_all(size, [&](uint8_t* buffer, size_t length) -> long {
            long filled = ::syscall(SYS_getdents64, host_fd, buffer, length);
            return filled < 0 ? -errno : filled;
        }, host_records, host_error);
        EXPECT_TRUE(keel_ok) << "size " << size;
        EXPECT_TRUE(host_ok) << "size " << size;
        EXPECT_EQ(keel_error, host_error) << "size " << size;
        if (keel_error == 0 && host_error == 0) {
            EXPECT_TRUE(keel_records == host_records) << "size " << size;
        }
        ASSERT_FALSE(context->close(keel_fd).is_error());
        ::close(host_fd);
    }
    EXPECT_EQ(system(("rm -rf " + host_root).c_str()), 0);
}

TEST_F(DirectoryEntriesTest, RecordsAreLaidOutAsLinuxDirent64AndDoffResumes)
{
    ASSERT_FALSE(context->mkdir("/d").is_error());
    ASSERT_EQ(write_file("/d/file", "x"), 0);
    ASSERT_FALSE(context->mkdir("/d/sub").is_error());
    ASSERT_FALSE(context->symlink("file", "/d/ln").is_error());
    int fd = context->open("/d", READ_ONLY | DIRECTORY).value();
    uint8_t buffer[512];
    memset(buffer, 0xee, sizeof buffer);
    size_t filled = context->getdents64(fd, buffer).value();
    EXPECT_EQ(filled, 5 * 24u); // ".", "..", "file", "sub", "ln": 19 bytes, the name and its NUL, rounded up to 8
    // ".": d_ino, d_off, d_reclen, d_type, the name, its NUL and zero padding.
    uint64_t inode, next;
    memcpy(&inode, buffer, 8);
    memcpy(&next, buffer + 8, 8);
    EXPECT_EQ(inode, context->stat("/d").value().inode);
    EXPECT_EQ(next, 1u);
    EXPECT_EQ(buffer[16], 24);
    EXPECT_EQ(buffer[17], 0);
    EXPECT_EQ(buffer[18], 4); // DT_DIR
    EXPECT_EQ(std::string(reinterpret_cast<char*>(buffer + 19), 5), std::string(".\0\0\0\0", 5));
    std::multiset<Record> records;
    std::vector<uint64_t> offsets;
    ASSERT_TRUE(parse(buffer, filled, records, &offsets));
    std::multiset<Record> expected = { { ".", 4, 24 }, { "..", 4, 24 }, { "file", 8, 24 }, { "sub", 4, 24 }, { "ln", 10, 24 } };
    EXPECT_EQ(records, expected);
    EXPECT_EQ(buffer[filled], 0xee); // nothing written past the records
    EXPECT_EQ(context->getdents64(fd, buffer).value(), 0u); // the end
    // lseek to the d_off of the third record: the listing goes on from the fourth.
    ASSERT_FALSE(context->lseek(fd, static_cast<int64_t>(offsets[2]), fs::Whence::Set).is_error());
    std::multiset<Record> rest;
    ASSERT_TRUE(parse(buffer, context->getdents64(fd, buffer).value(), rest));
    EXPECT_EQ(rest.size(), 2u);
    // Too small for the next record: EINVAL, and nothing consumed.
    ASSERT_FALSE(context->lseek(fd, 0, fs::Whence::Set).is_error());
    EXPECT_EQ(error_of(context->getdents64(fd, { buffer, 23 })), EINVAL_);
    EXPECT_EQ(context->getdents64(fd, { buffer, 24 }).value(), 24u);
    EXPECT_EQ(context->getdents64(fd, { buffer, 60 }).value(), 48u); // whole records only
    int file = context->open("/d/file", READ_ONLY).value();
    EXPECT_EQ(error_of(context->getdents64(file, buffer)), ENOTDIR_);
    EXPECT_EQ(error_of(context->getdents64(40, buffer)), EBADF_);
}

TEST_F(DirectoryEntriesTest, FaccessatAnswersAsLinuxDoesForRoot)
{
    if (::geteuid() != 0)
        GTEST_SKIP() << "the host side must run as root, as Keel's callers do";
    char pattern[] = "/tmp/keel-access-XXXXXX";
    ASSERT_TRUE(::mkdtemp(pattern));
    std::string host_root = pattern;
    const std::map<std::string, fs::Mode> files = { { "none", 0 }, { "owner_x", 0100 }, { "group_x", 0010 },
        { "other_x", 0001 }, { "plain", 0644 }, { "all", 0777 } };
    for (const auto& [name, permissions] : files) {
        std::string host_path = host_root + "/" + name;
        int fd = ::open(host_path.c_str(), O_CREAT | O_WRONLY, 0600);
        ASSERT_GE(fd, 0);
        ::close(fd);
        ASSERT_EQ(::chmod(host_path.c_str(), permissions), 0);
    }
    // Keel has no chmod yet: files get their mode at creation, through the umask.
    context->set_umask(0);
    for (const auto& [name, permissions] : files) {
        int fd = context->open(view("/" + name), WRITE_ONLY | CREATE, permissions).value();
        ASSERT_FALSE(context->close(fd).is_error());
    }
    ASSERT_FALSE(context->mkdir("/closed_dir", 0).is_error());
    ASSERT_EQ(::mkdir((host_root + "/closed_dir").c_str(), 0), 0);
    ASSERT_FALSE(context->symlink("none", "/link").is_error());
    ASSERT_EQ(::symlink("none", (host_root + "/link").c_str()), 0);
    std::vector<std::string> paths = { "none", "owner_x", "group_x", "other_x", "plain", "all", "closed_dir", "link",
        "missing" };
    for (const std::string& name : paths) {
        for (int mode = 0; mode <= 8; ++mode) {
            for (uint32_t flags : { 0u, fs::at_flags::SYMLINK_NOFOLLOW, fs::at_flags::EFFECTIVE_ACCESS, 0x800u }) {
                int keel = error_of(context->faccessat(fs::CURRENT_DIRECTORY, view("/" + name), mode, flags));
                int host = ::syscall(SYS_faccessat2, AT_FDCWD, (host_root + "/" + name).c_str(), mode, flags) == 0 ? 0 : errno;
                EXPECT_EQ(keel, host) << name << " mode " << mode << " flags " << flags;
            }
        }
    }
    // A descriptor with AT_EMPTY_PATH: the open file itself (a pipe's mode is 0600).
    int pipe_fds[2];
    ASSERT_FALSE(context->pipe(pipe_fds).is_error());
    EXPECT_EQ(error_of(context->faccessat(pipe_fds[0], "", 1, fs::at_flags::EMPTY_PATH)), EACCES_);
    EXPECT_EQ(error_of(context->faccessat(pipe_fds[0], "", 6, fs::at_flags::EMPTY_PATH)), 0);
    EXPECT_EQ(error_of(context->faccessat(pipe_fds[0], "", 0, 0)), ENOENT_);
    EXPECT_EQ(error_of(context->access("/all", 1)), 0);
    EXPECT_EQ(system(("rm -rf " + host_root).c_str()), 0);
}

} // namespace
