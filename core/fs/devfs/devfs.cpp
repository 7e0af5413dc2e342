// devfs: the superblock, the /dev directory, and the two simplest devices, null and zero
// (see devfs.hpp).
#include <fs/devfs/console_terminal.hpp>
#include <fs/devfs/controlling_terminal.hpp>
#include <fs/devfs/devices.hpp>
#include <fs/devfs/serial_terminal.hpp>
#include <mm/heap/kmalloc.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;
using kstd::StringView;

Device::Device(Superblock& superblock, uint64_t number, StringView name, Mode permissions, uint32_t major,
               uint32_t minor)
    : Inode(superblock, number, mode::CHAR_DEVICE | permissions), m_name(name)
{
    m_device_number = major << 8 | minor;
}

Result<size_t> NullDevice::read(uint64_t, kstd::Span<uint8_t>)
{
    return 0;
}

Result<size_t> NullDevice::write(uint64_t, kstd::Span<const uint8_t> data)
{
    return data.size();
}

Result<size_t> ZeroDevice::read(uint64_t, kstd::Span<uint8_t> buffer)
{
    __builtin_memset(buffer.data(), 0, buffer.size());
    return buffer.size();
}

Result<size_t> ZeroDevice::write(uint64_t, kstd::Span<const uint8_t> data)
{
    return data.size();
}

namespace {
constexpr uint64_t DIRECTORY_INODE = 1;

tty::Terminal* console_terminal_source()
{
    return &console_terminal();
}

// /dev/console: as Linux's with console=tty0 console=ttyS0 (the kernel log on both), the
// serial line's terminal once the serial line is one; until then, the console's.
tty::Terminal* system_console_source()
{
    if (serial_terminal().has_line())
        return &serial_terminal();
    return &console_terminal();
}

tty::Terminal* serial_terminal_source()
{
    return &serial_terminal();
}

DevfsSuperblock& devfs_of(const Inode& inode)
{
    return static_cast<DevfsSuperblock&>(inode.superblock());
}
} // namespace

DevfsDirectory::DevfsDirectory(Superblock& superblock)
    : Inode(superblock, DIRECTORY_INODE, mode::DIRECTORY | 0755)
{
}

Result<Inode*> DevfsDirectory::lookup(StringView name)
{
    for (Device* device : devfs_of(*this).devices()) {
        if (device->name() == name) {
            device->get();
            return device;
        }
    }
    return Errno::NoSuchEntry;
}

Result<bool> DevfsDirectory::read_directory(uint64_t& position, DirectoryEntry& entry)
{
    kstd::Span<Device* const> devices = devfs_of(*this).devices();
    if (position >= devices.size())
        return false;
    const Device& device = *devices[position];
    entry.set(device.number(), FileType::CharDevice, device.name());
    ++position;
    return true;
}

DevfsSuperblock::DevfsSuperblock()
    : Superblock(allocate_device_number())
    , m_root(*this)
    , m_null(*this, DIRECTORY_INODE + 1)
    , m_zero(*this, DIRECTORY_INODE + 2)
    , m_random(*this, DIRECTORY_INODE + 3)
    , m_kmsg(*this, DIRECTORY_INODE + 4)
    , m_console(*this, DIRECTORY_INODE + 5, "console", 0600, 5, 1, system_console_source)
    , m_tty(*this, DIRECTORY_INODE + 6, "tty", 0666, 5, 0, controlling_terminal_of_caller)
    , m_tty1(*this, DIRECTORY_INODE + 7, "tty1", 0620, 4, 1, console_terminal_source)
    , m_tty_s0(*this, DIRECTORY_INODE + 8, "ttyS0", 0660, 4, 64, serial_terminal_source)
{
}

Inode& DevfsSuperblock::root()
{
    m_root.get();
    return m_root;
}

Result<Superblock*> mount_devfs(StringView, StringView options)
{
    TRY(refuse_mount_options(options));
    DevfsSuperblock* superblock = mm::make<DevfsSuperblock>();
    if (!superblock)
        return Errno::OutOfMemory;
    return superblock;
}

} // namespace fs
