// devfs inside: the device inodes, the directory that lists them, and the superblock that
// holds them all.
//
// Every inode of a devfs is a member of its superblock: made at mount, never freed before
// the superblock (which keeps one reference to each), so lookups cannot run out of memory.
// Inode numbers: 1 for the directory, 2 onwards for the devices in the directory's order.
#pragma once
#include <fs/devfs/devfs.hpp>

namespace fs {

// A character device: its name in /dev and its Linux device number.
class Device : public Inode {
public:
    Device(Superblock& superblock, uint64_t number, kstd::StringView name, Mode permissions, uint32_t major,
           uint32_t minor);

    kstd::StringView name() const { return m_name; }

private:
    kstd::StringView m_name;
};

class NullDevice final : public Device {
public:
    NullDevice(Superblock& superblock, uint64_t number) : Device(superblock, number, "null", 0666, 1, 3) {}
    kstd::Result<size_t> read(uint64_t offset, kstd::Span<uint8_t> buffer) override;
    kstd::Result<size_t> write(uint64_t offset, kstd::Span<const uint8_t> data) override;
};

class ZeroDevice final : public Device {
public:
    ZeroDevice(Superblock& superblock, uint64_t number) : Device(superblock, number, "zero", 0666, 1, 5) {}
    kstd::Result<size_t> read(uint64_t offset, kstd::Span<uint8_t> buffer) override;
    kstd::Result<size_t> write(uint64_t offset, kstd::Span<const uint8_t> data) override;
};

// The kernel's generator (core/random: xoshiro256**, fast and statistically sound, not
// cryptographic); written bytes are stirred into it.
class RandomDevice final : public Device {
public:
    RandomDevice(Superblock& superblock, uint64_t number);
    kstd::Result<size_t> read(uint64_t offset, kstd::Span<uint8_t> buffer) override;
    kstd::Result<size_t> write(uint64_t offset, kstd::Span<const uint8_t> data) override;
};

class KmsgDevice final : public Device {
public:
    KmsgDevice(Superblock& superblock, uint64_t number) : Device(superblock, number, "kmsg", 0644, 1, 11) {}
    kstd::Result<size_t> read(uint64_t offset, kstd::Span<uint8_t> buffer) override;
    kstd::Result<size_t> write(uint64_t offset, kstd::Span<const uint8_t> data) override;
};

// A terminal (tty::Terminal) as a character device: a stream whose reads and writes go
// through the terminal's line discipline after the job control check. Which terminal is
// asked at each use: the console's (/dev/console, /dev/tty1), the serial line's
// (/dev/ttyS0), or the caller's controlling terminal (/dev/tty; opening it without one is
// ENXIO, and using it after the session let go of its terminal is EIO, as on Linux).
class TerminalDevice final : public Device {
public:
    using TerminalSource = tty::Terminal* (*)();

    TerminalDevice(Superblock& superblock, uint64_t number, kstd::StringView name, Mode permissions,
                   uint32_t major, uint32_t minor, TerminalSource source);
    bool runs_under_vfs_lock() const override { return false; }
    bool is_stream() const override { return true; }
    kstd::Result<void> check_open() override;
    kstd::Result<size_t> read_stream(kstd::Span<uint8_t> buffer, bool nonblocking) override;
    kstd::Result<size_t> write_stream(kstd::Span<const uint8_t> data, bool nonblocking) override;
    uint32_t poll_events(uint32_t flags) const override;
    tty::Terminal* terminal() override { return m_source(); }

private:
    TerminalSource m_source;
};

// "/dev": the devices, in a fixed order.
class DevfsDirectory final : public Inode {
public:
    explicit DevfsDirectory(Superblock& superblock);
    kstd::Result<Inode*> lookup(kstd::StringView name) override;
    kstd::Result<bool> read_directory(uint64_t& position, DirectoryEntry& entry) override;
};

class DevfsSuperblock final : public Superblock {
public:
    static constexpr size_t DEVICE_COUNT = 8;

    DevfsSuperblock();

    kstd::StringView type_name() const override { return "devfs"; }
    uint64_t magic() const override { return 0x0102'1994; } // TMPFS_MAGIC: Linux's /dev is devtmpfs, a tmpfs
    Inode& root() override;

    kstd::Span<Device* const> devices() const { return { m_devices, DEVICE_COUNT }; }

private:
    DevfsDirectory m_root;
    NullDevice m_null;
    ZeroDevice m_zero;
    RandomDevice m_random;
    KmsgDevice m_kmsg;
    TerminalDevice m_console;
    TerminalDevice m_tty;
    TerminalDevice m_tty1;
    TerminalDevice m_tty_s0;
    Device* const m_devices[DEVICE_COUNT] = { &m_null, &m_zero, &m_random, &m_kmsg,
                                              &m_console, &m_tty, &m_tty1, &m_tty_s0 };
};

} // namespace fs
