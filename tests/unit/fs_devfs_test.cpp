// devfs (core/fs/devfs) through the file calls of a Context: a devfs mounted on /dev of a
// ramfs root. The listing, the device numbers stat() reports, what each device reads and
// swallows, the refusals of a fixed directory, and /dev/tty with no controlling terminal
// (ENXIO). /dev/console is only written here (a read waits for the keyboard: the kernel
// tests type into it), and /dev/ttyS0 is never opened (its first open takes the serial line
// for good: the e2e tests of init use it); the fixture checks that nothing is left on the
// heap.
#include "console_test_support.hpp"
#include "fs_proc_dev_test_support.hpp"

#include <console/print.hpp>
#include <fs/devfs/devfs.hpp>
#include <hal/console.hpp>

#include <log/log.hpp>
#include <set>

namespace {

using fs_test::SpecialFsTest;
using kstd::Errno;
using namespace fs::open_flags;

constexpr int errno_of(Errno code)
{
    return static_cast<int>(code);
}

struct DevfsTest : SpecialFsTest {
    DevfsTest() { mount_at("/dev", fs::mount_devfs("devfs"), "devfs"); }

    // `count` bytes read from `path` in one read() (after filling the buffer with 0xaa).
    std::vector<uint8_t> read_some(const std::string& path, size_t count)
    {
        std::vector<uint8_t> bytes(count, 0xaa);
        auto fd = context->open(view(path), READ_ONLY);
        EXPECT_FALSE(fd.is_error());
        if (fd.is_error())
            return {};
        auto got = context->read(fd.value(), { bytes.data(), bytes.size() });
        EXPECT_FALSE(got.is_error());
        bytes.resize(got.is_error() ? 0 : got.value());
        EXPECT_FALSE(context->close(fd.value()).is_error());
        return bytes;
    }
};

TEST_F(DevfsTest, ListsItsDevicesInOrder)
{
    std::vector<std::string> expected { ".",       "..",  "null", "zero", "random",
                                        "kmsg",    "console", "tty", "tty1", "ttyS0" };
    EXPECT_EQ(list("/dev"), expected);
}

TEST_F(DevfsTest, StatReportsCharacterDevicesWithLinuxNumbers)
{
    struct Expected {
        const char* path;
        fs::Mode permissions;
        uint32_t major, minor;
    };
    const Expected devices[] = {
        { "/dev/null", 0666, 1, 3 },  { "/dev/zero", 0666, 1, 5 },    { "/dev/random", 0666, 1, 8 },
        { "/dev/kmsg", 0644, 1, 11 }, { "/dev/console", 0600, 5, 1 }, { "/dev/tty", 0666, 5, 0 },
        { "/dev/tty1", 0620, 4, 1 },  { "/dev/ttyS0", 0660, 4, 64 },
    };
    for (const Expected& device : devices) {
        auto status = context->stat(device.path);
        ASSERT_FALSE(status.is_error()) << device.path;
        EXPECT_EQ(status.value().mode, fs::mode::CHAR_DEVICE | device.permissions) << device.path;
        EXPECT_EQ(status.value().device_number, device.major << 8 | device.minor) << device.path;
        EXPECT_EQ(fs::file_type_of(status.value().mode), fs::FileType::CharDevice);
    }
    auto directory = context->stat("/dev");
    ASSERT_FALSE(directory.is_error());
    EXPECT_EQ(directory.value().mode, fs::mode::DIRECTORY | 0755);
}

TEST_F(DevfsTest, NullReadsEndOfFileAndSwallowsWrites)
{
    EXPECT_TRUE(read_some("/dev/null", 64).empty());
    EXPECT_EQ(write_error("/dev/null", std::string(10'000, 'x')), 0);
    EXPECT_TRUE(read_some("/dev/null", 64).empty());
    EXPECT_EQ(write_file("/dev/null", "truncating a device is no truncation"), 0);
}

TEST_F(DevfsTest, ZeroReadsZerosAndSwallowsWrites)
{
    EXPECT_EQ(read_some("/dev/zero", 3000), std::vector<uint8_t>(3000, 0));
    EXPECT_EQ(write_error("/dev/zero", "ignored"), 0);
    EXPECT_EQ(read_some("/dev/zero", 5), std::vector<uint8_t>(5, 0));
}

TEST_F(DevfsTest, RandomGivesVariedBytes)
{
    std::vector<uint8_t> first = read_some("/dev/random", 4096);
    std::vector<uint8_t> second = read_some("/dev/random", 4096);
    ASSERT_EQ(first.size(), 4096u);
    EXPECT_NE(first, second);
    // 4096 uniform bytes take nearly all 256 values; a stuck or short-period source does not.
    std::set<uint8_t> values(first.begin(), first.end());
    EXPECT_GT(values.size(), 240u);
    // Odd lengths are filled to the last byte.
    std::vector<uint8_t> odd = read_some("/dev/random", 13);
    EXPECT_EQ(odd.size(), 13u);
    EXPECT_EQ(write_error("/dev/random", "stirred in"), 0);
    EXPECT_NE(read_some("/dev/random", 64), read_some("/dev/random", 64));
}

TEST_F(DevfsTest, KmsgHasTheLogAndLogsWhatIsWritten)
{
    klog::info("devfs test: logged with {}", 42);
    auto log = read_file("/dev/kmsg");
    ASSERT_TRUE(log.has_value());
    EXPECT_NE(log->find("] info: devfs test: logged with 42\n"), std::string::npos) << *log;
    EXPECT_EQ(log->front(), '[');
    EXPECT_EQ(log->back(), '\n');

    EXPECT_EQ(write_error("/dev/kmsg", "devfs test: written to kmsg\n"), 0);
    log = read_file("/dev/kmsg");
    ASSERT_TRUE(log.has_value());
    EXPECT_NE(log->find("] info: devfs test: written to kmsg\n"), std::string::npos) << *log;

    EXPECT_EQ(write_error("/dev/kmsg", "devfs test: line one\ndevfs test: line two"), 0);
    log = read_file("/dev/kmsg");
    ASSERT_TRUE(log.has_value());
    EXPECT_NE(log->find("] info: devfs test: line one\n["), std::string::npos) << *log;
    EXPECT_NE(log->find("] info: devfs test: line two\n"), std::string::npos) << *log;
}

TEST_F(DevfsTest, KmsgReadsTheSameTextInPieces)
{
    klog::info("devfs test: a record to read in pieces");
    auto whole = read_file("/dev/kmsg");
    ASSERT_TRUE(whole.has_value());
    auto fd = context->open("/dev/kmsg", READ_ONLY);
    ASSERT_FALSE(fd.is_error());
    std::string pieces = read_in_pieces(fd.value(), 7);
    EXPECT_FALSE(context->close(fd.value()).is_error());
    EXPECT_EQ(pieces, *whole);
}

// What is written shows on the kernel console's cells (UTF-8 as CP437: é is 0x82) and
// goes out on the serial line (the sim's stdout) in UTF-8.
TEST_F(DevfsTest, ConsoleShowsWhatIsWritten)
{
    console::Console& console = console::kernel_console();
    testing::internal::CaptureStdout();
    EXPECT_EQ(write_error("/dev/console", "\n" + std::string(300, '.') + "\n"), 0);
    EXPECT_EQ(write_error("/dev/console", "devfs \xC3\xA9t\xC3\xA9"), 0);
    hal::debug_flush();
    std::string serial = testing::internal::GetCapturedStdout();
    std::string wrapped = std::string(80, '.') + "\n" + std::string(80, '.'); // as the screen wraps
    EXPECT_NE(serial.find(wrapped), std::string::npos);
    EXPECT_NE(serial.find("devfs \xC3\xA9t\xC3\xA9"), std::string::npos);
    uint16_t row = console.cursor_row();
    EXPECT_EQ(row_text(console, row), "devfs \x82t\x82");
    EXPECT_EQ(row_text(console, static_cast<uint16_t>(row - 1)), std::string(300 % console.cols(), '.'));
}

TEST_F(DevfsTest, TheDirectoryIsFixed)
{
    EXPECT_EQ(open_error("/dev/new", WRITE_ONLY | CREATE), errno_of(Errno::NotPermitted));
    EXPECT_EQ(error_of(context->mkdir("/dev/sub")), errno_of(Errno::NotPermitted));
    EXPECT_EQ(error_of(context->symlink("null", "/dev/link")), errno_of(Errno::NotPermitted));
    EXPECT_EQ(error_of(context->link("/dev/null", "/dev/null2")), errno_of(Errno::NotPermitted));
    EXPECT_EQ(error_of(context->unlink("/dev/null")), errno_of(Errno::NotPermitted));
    EXPECT_EQ(error_of(context->rename("/dev/zero", "/dev/zero2")), errno_of(Errno::NotPermitted));
    EXPECT_EQ(open_error("/dev/nothing", READ_ONLY), errno_of(Errno::NoSuchEntry));
    EXPECT_EQ(open_error("/dev/null/x", READ_ONLY), errno_of(Errno::NotADirectory));
    EXPECT_EQ(list("/dev").size(), 10u);
}

// No process floor here, so no one has a controlling terminal (ttyops checks the rest).
TEST_F(DevfsTest, TtyWithoutAControllingTerminalIsEnxio)
{
    EXPECT_EQ(open_error("/dev/tty", READ_WRITE), errno_of(Errno::NoSuchDeviceOrAddress));
}

TEST_F(DevfsTest, DevicesOpenManyTimesAndAllAtOnce)
{
    std::vector<int> fds;
    for (int round = 0; round < 10; ++round) {
        for (const char* path : { "/dev/null", "/dev/zero", "/dev/random", "/dev/kmsg", "/dev/console" }) {
            auto fd = context->open(path, READ_WRITE);
            ASSERT_FALSE(fd.is_error()) << path;
            fds.push_back(fd.value());
        }
    }
    for (int fd : fds)
        EXPECT_FALSE(context->close(fd).is_error());
}

// A fresh heap with nothing on it, so the first allocation needs a page.
using DevfsMemoryTest = async_test::AsyncTest;

TEST_F(DevfsMemoryTest, MountingWithoutMemoryIsAnError)
{
    async_test::kernel_pages().fail_after(0);
    auto superblock = fs::mount_devfs("devfs");
    ASSERT_TRUE(superblock.is_error());
    EXPECT_EQ(superblock.error().code(), Errno::OutOfMemory);
}

} // namespace
