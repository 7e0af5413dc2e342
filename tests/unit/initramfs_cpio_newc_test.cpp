// The cpio newc reader (core/fs/initramfs) against archives that Debian's cpio writes at
// test time from a directory tree, each entry checked against lstat(2) of its file, in
// both the newc and the crc format; then hand-made archives for what the tool never writes:
// each malformation the reader must refuse, and the odd but valid ones it must accept.
// (initramfs_cpio_newc_fuzz_test.cpp cuts and flips bytes.)
#include "initramfs_cpio_newc_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sys/stat.h>

using namespace cpio_test;
namespace filesystem = std::filesystem;

namespace {

// A scratch tree in /tmp with every kind of entry the initramfs holds, and a hard link.
class CpioToolArchive : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (!shell_succeeds("command -v cpio"))
            GTEST_SKIP() << "Debian's cpio is not installed (./keel deps installs it)";
        char pattern[] = "/tmp/keel-cpio-test-XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        m_root = pattern;
        write_file("etc/motd", "Welcome to Keel!\n");
        write_file("etc/hostname", "keel\n");
        write_file("etc/empty", "");
        write_file("bin/tool", std::string("\x7f" "ELF\0\0\1\2", 8), filesystem::perms(0755));
        write_file("home/guest/a-name-that-needs-padding.txt", std::string(70'001, 'k'));
        filesystem::create_directories(m_root / "tmp/nested/empty");
        filesystem::create_symlink("motd", m_root / "etc/issue");
        filesystem::create_hard_link(m_root / "etc/hostname", m_root / "etc/hostname.link");
    }

    void TearDown() override
    {
        if (!m_root.empty())
            filesystem::remove_all(m_root);
    }

    void write_file(const std::string& path, const std::string& contents,
                    filesystem::perms mode = filesystem::perms(0644))
    {
        filesystem::create_directories((m_root / path).parent_path());
        std::ofstream(m_root / path, std::ios::binary) << contents;
        filesystem::permissions(m_root / path, mode);
    }

    // The archive `find . | sort | cpio -o -H <format>` makes of the tree.
    Bytes pack(const std::string& format)
    {
        bool ok = false;
        std::string command = "cd '" + m_root.string() + "' && find . | LC_ALL=C sort"
                              + " | cpio --quiet -o -H " + format + " -R 0:0 --reproducible";
        Bytes archive = shell_output(command, ok);
        EXPECT_TRUE(ok) << "cpio -H " << format << " failed";
        return archive;
    }

    // The paths below the root, without the "./" that `find .` puts first.
    std::set<std::string> paths() const
    {
        std::set<std::string> found;
        for (const auto& item : filesystem::recursive_directory_iterator(m_root))
            found.insert(item.path().lexically_relative(m_root).string());
        return found;
    }

    // What the reader should report for `path`, from lstat(2) and the file itself.
    Record expected(const std::string& path) const
    {
        filesystem::path full = m_root / path;
        struct stat status;
        EXPECT_EQ(lstat(full.c_str(), &status), 0) << path;
        std::string data;
        if (S_ISLNK(status.st_mode)) {
            data = filesystem::read_symlink(full).string();
        } else if (S_ISREG(status.st_mode)) {
            std::ifstream file(full, std::ios::binary);
            data.assign(std::istreambuf_iterator<char>(file), {});
        }
        return { path, status.st_mode, 0, uint32_t(status.st_nlink), uint32_t(status.st_mtime), data };
    }

    filesystem::path m_root;
};

TEST_F(CpioToolArchive, EveryEntryMatchesTheTreeInBothFormats)
{
    for (const char* format : { "newc", "crc" }) {
        SCOPED_TRACE(format);
        auto result = read_all(pack(format));
        ASSERT_FALSE(result.is_error()) << text_of(result.error().detail());
        std::set<std::string> seen;
        std::map<uint32_t, std::string> data_by_inode; // hard links share an inode
        for (const Record& record : result.value()) {
            Record wanted = expected(record.path);
            SCOPED_TRACE(record.path);
            EXPECT_TRUE(seen.insert(record.path).second) << "twice";
            EXPECT_EQ(record.mode, wanted.mode);
            EXPECT_EQ(record.link_count, wanted.link_count);
            EXPECT_EQ(record.modified_seconds, wanted.modified_seconds);
            EXPECT_NE(record.inode, 0u);
            if (record.link_count == 1 || S_ISDIR(record.mode)) {
                EXPECT_EQ(record.data, wanted.data);
            }
            data_by_inode[record.inode] += record.data;
        }
        EXPECT_EQ(seen, paths()); // all of them, and "." skipped
        // cpio stores a hard-linked file's data once, with the last of its names.
        auto link = std::find_if(result.value().begin(), result.value().end(),
                                 [](const Record& record) { return record.path == "etc/hostname.link"; });
        ASSERT_NE(link, result.value().end());
        EXPECT_EQ(link->link_count, 2u);
        EXPECT_EQ(data_by_inode[link->inode], "keel\n");
    }
}

// --- Hand-made archives ---

void expect_malformed(const std::string& archive, const std::string& detail_part)
{
    auto result = read_all(bytes_of(archive));
    ASSERT_TRUE(result.is_error()) << "accepted an archive that should fail with '" << detail_part << "'";
    EXPECT_EQ(result.error().code(), kstd::Errno::InvalidArgument);
    std::string detail = text_of(result.error().detail());
    EXPECT_NE(detail.find(detail_part), std::string::npos) << detail;
}

std::string one_file_then(void (*finish)(std::string&))
{
    std::string archive;
    append_entry(archive, "etc/motd", "hello\n");
    finish(archive);
    return archive;
}

TEST(CpioNewc, ReadsHandMadeEntriesStrippingDotSlashAndSkippingTheRoot)
{
    std::string archive;
    append_entry(archive, ".", "", { .mode = 040755, .link_count = 3 });
    append_entry(archive, "./etc", "", { .inode = 2, .mode = 040700, .link_count = 2 });
    append_entry(archive, "etc/issue", "motd", { .inode = 3, .mode = 0120777, .modified_seconds = 42 });
    append_trailer(archive);
    archive += std::string(512, '\0'); // padding to a block, ignored
    auto result = read_all(bytes_of(archive));
    ASSERT_FALSE(result.is_error()) << text_of(result.error().detail());
    const std::vector<Record>& records = result.value();
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].path, "etc");
    EXPECT_EQ(records[0].mode, 040700u);
    EXPECT_EQ(records[0].inode, 2u);
    EXPECT_EQ(records[0].link_count, 2u);
    EXPECT_EQ(records[1].path, "etc/issue");
    EXPECT_EQ(records[1].data, "motd");
    EXPECT_EQ(records[1].modified_seconds, 42u);
}

TEST(CpioNewc, AcceptsLowerCaseHexAndATrailerWithoutItsPadding)
{
    std::string archive;
    append_entry(archive, "f", "x", { .mode = 0100644 });
    for (size_t index = 6; index < 110; ++index)
        archive[index] = char(tolower(archive[index]));
    append_trailer(archive);
    archive.resize(archive.size() - 3); // header + "TRAILER!!!\0" is 121 bytes, padded to 124
    auto result = read_all(bytes_of(archive));
    ASSERT_FALSE(result.is_error()) << text_of(result.error().detail());
    EXPECT_EQ(result.value().size(), 1u);
}

TEST(CpioNewc, StopsAtTheTrailerForGood)
{
    std::string text;
    append_trailer(text);
    append_entry(text, "after/the/end", "ignored");
    Bytes archive = bytes_of(text);
    fs::cpio::Reader reader(span_of(archive));
    fs::cpio::Entry entry;
    for (int call = 0; call < 3; ++call) {
        auto next = reader.next(entry);
        ASSERT_FALSE(next.is_error());
        EXPECT_FALSE(next.value());
    }
}

TEST(CpioNewc, PassesTheVisitorsErrorOn)
{
    Bytes archive = bytes_of(one_file_then(append_trailer));
    int calls = 0;
    auto refuse = [&calls](const fs::cpio::Entry&) -> kstd::Result<void> {
        ++calls;
        return kstd::Errno::NoSpace;
    };
    auto result = fs::cpio::for_each_entry(span_of(archive), refuse);
    ASSERT_TRUE(result.is_error());
    EXPECT_EQ(result.error().code(), kstd::Errno::NoSpace);
    EXPECT_EQ(calls, 1);
}

TEST(CpioNewc, ChecksTheCrcFormatsChecksumOfRegularFiles)
{
    std::string good;
    append_entry(good, "f", "ab", { .magic = "070702", .checksum = 'a' + 'b' });
    append_entry(good, "l", "f", { .magic = "070702", .mode = 0120777 }); // cpio sums no link
    append_trailer(good);
    EXPECT_FALSE(read_all(bytes_of(good)).is_error());
    std::string bad;
    append_entry(bad, "f", "ab", { .magic = "070702", .checksum = 'a' + 'b' + 1 });
    append_trailer(bad);
    expect_malformed(bad, "checksum");
}

TEST(CpioNewc, RefusesEveryMalformation)
{
    expect_malformed("", "without a TRAILER");
    expect_malformed(one_file_then([](std::string&) {}), "without a TRAILER");
    expect_malformed(one_file_then([](std::string& archive) { archive += "070701"; }), "truncated header");

    std::string old_format = one_file_then(append_trailer);
    old_format.replace(0, 6, "070707"); // the portable ASCII format, not newc
    expect_malformed(old_format, "bad magic");

    std::string non_hex = one_file_then(append_trailer);
    non_hex[6 + 8 + 3] = 'g'; // in the mode field
    expect_malformed(non_hex, "non-hex digit");
    non_hex[6 + 8 + 3] = ' ';
    expect_malformed(non_hex, "non-hex digit");

    std::string archive;
    append_entry(archive, "f", "", { .name_size = 1 }); // "f" without its NUL
    expect_malformed(archive, "without its NUL");
    archive.clear();
    append_entry(archive, "", "", { .name_size = 0 });
    expect_malformed(archive, "without its NUL");
    archive.clear();
    append_entry(archive, "", "");
    expect_malformed(archive, "empty name");
    archive.clear();
    append_entry(archive, std::string("a\0b", 3), "");
    expect_malformed(archive, "NUL inside");

    archive.clear();
    append_entry(archive, "f", "", { .name_size = 1000 });
    expect_malformed(archive, "truncated name");
    archive.clear();
    append_entry(archive, "f", "abc", { .file_size = 0xFFFF'FFFE });
    expect_malformed(archive, "truncated data");
    archive.clear();
    append_entry(archive, "f", "abcd");
    archive.resize(archive.size() - 1);
    expect_malformed(archive, "truncated data");
}

} // namespace
