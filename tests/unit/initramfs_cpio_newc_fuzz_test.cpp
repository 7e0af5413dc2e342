// The cpio newc reader (core/fs/initramfs) on damaged archives: every truncation of a
// valid archive and thousands of random byte changes. Each archive sits in a heap block of
// exactly its size, so under ASan a read past its end is caught at once. The reader may
// accept or refuse a damaged archive, but whatever entries it gives must lie inside it.
#include "initramfs_cpio_newc_test_support.hpp"

#include <gtest/gtest.h>

#include <random>

using namespace cpio_test;

namespace {

constexpr unsigned FLIP_ROUNDS = 20'000;

// A valid archive in the given magic's format: a directory, files that need each amount
// of padding, a symlink, and the trailer.
std::string sample_archive(const char* magic)
{
    std::string archive;
    append_entry(archive, ".", "", { .magic = magic, .mode = 040755, .link_count = 3 });
    append_entry(archive, "./etc", "", { .magic = magic, .inode = 2, .mode = 040755, .link_count = 2 });
    const char* contents[] = { "", "a", "ab", "abc", "abcd", "welcome to keel\n" };
    uint32_t inode = 3;
    for (const char* data : contents) {
        uint32_t sum = 0;
        for (const char* byte = data; *byte; ++byte)
            sum += uint8_t(*byte);
        std::string name = "etc/file" + std::string(inode % 4, 'x');
        append_entry(archive, name, data, { .magic = magic, .inode = inode++, .checksum = sum });
    }
    append_entry(archive, "etc/issue", "motd", { .magic = magic, .inode = inode, .mode = 0120777 });
    append_trailer(archive);
    return archive;
}

// Reads `archive` entry by entry (until the end or an error) and checks what came out.
void read_and_check(const Bytes& archive)
{
    const uint8_t* begin = archive.data();
    const uint8_t* end = begin + archive.size();
    fs::cpio::Reader reader(span_of(archive));
    fs::cpio::Entry entry;
    for (;;) {
        auto next = reader.next(entry);
        if (next.is_error()) {
            EXPECT_EQ(next.error().code(), kstd::Errno::InvalidArgument);
            return;
        }
        if (!next.value())
            return;
        ASSERT_FALSE(entry.path.empty());
        ASSERT_FALSE(entry.path.starts_with("./"));
        ASSERT_TRUE(reinterpret_cast<const uint8_t*>(entry.path.begin()) >= begin
                    && reinterpret_cast<const uint8_t*>(entry.path.end()) <= end);
        ASSERT_TRUE(entry.data.size() == 0 || (entry.data.begin() >= begin && entry.data.end() <= end));
    }
}

class CpioNewcDamage : public ::testing::TestWithParam<const char*> {};

TEST_P(CpioNewcDamage, EveryTruncationIsRefusedUntilTheTrailerIsWhole)
{
    std::string archive = sample_archive(GetParam());
    size_t trailer_name_end = archive.rfind("TRAILER!!!") + sizeof("TRAILER!!!");
    for (size_t length = 0; length <= archive.size(); ++length) {
        Bytes cut = bytes_of(archive.substr(0, length));
        read_and_check(cut);
        EXPECT_EQ(read_all(cut).is_error(), length < trailer_name_end) << "cut to " << length << " bytes";
    }
}

TEST_P(CpioNewcDamage, RandomByteChangesNeverReadOutside)
{
    const Bytes original = bytes_of(sample_archive(GetParam()));
    std::mt19937 random(20'240'601);
    std::uniform_int_distribution<size_t> position(0, original.size() - 1);
    std::uniform_int_distribution<int> changes(1, 4);
    std::uniform_int_distribution<int> byte(0, 255);
    // Bytes a header is made of, so some changes keep it parsing and move its sizes.
    const char header_alphabet[] = "0123456789abcdefABCDEF";
    std::uniform_int_distribution<size_t> header_byte(0, sizeof header_alphabet - 2);
    for (unsigned round = 0; round < FLIP_ROUNDS; ++round) {
        Bytes damaged = original;
        for (int change = changes(random); change > 0; --change) {
            size_t at = position(random);
            damaged[at] = round % 2 ? uint8_t(byte(random)) : uint8_t(header_alphabet[header_byte(random)]);
        }
        // Sometimes cut the end off as well; a copy, so the heap block ends where it does.
        read_and_check(Bytes(damaged.begin(), damaged.end() - round % 7));
        if (testing::Test::HasFatalFailure())
            FAIL() << "in round " << round;
    }
}

INSTANTIATE_TEST_SUITE_P(Formats, CpioNewcDamage, ::testing::Values("070701", "070702"));

} // namespace
