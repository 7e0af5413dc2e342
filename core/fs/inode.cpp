// Inode: reference counting, timestamps, and the default answers of each operation (the
// errno Linux gives when a file type does not support it).
#include <fs/inode.hpp>
#include <fs/poll.hpp>
#include <fs/superblock.hpp>
#include <hal/timer.hpp>
#include <kstd/verify.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;
using kstd::StringView;

Inode::Inode(Superblock& superblock, uint64_t number, Mode mode)
    : m_superblock(superblock), m_number(number), m_mode(mode)
{
    m_access_ns = m_modify_ns = m_change_ns = hal::clock_ns();
    if (is_directory())
        m_link_count = 2;
    superblock.inode_created();
}

void Inode::get()
{
    VERIFY(__atomic_fetch_add(&m_references, 1, __ATOMIC_RELAXED) > 0);
}

void Inode::put()
{
    uint32_t before = __atomic_fetch_sub(&m_references, 1, __ATOMIC_ACQ_REL);
    VERIFY(before > 0);
    if (before == 1) {
        Superblock& owner = m_superblock;
        owner.inode_released();
        owner.release(*this);
    }
}

Stat Inode::stat() const
{
    Stat result;
    result.device = m_superblock.device();
    result.inode = m_number;
    result.mode = m_mode;
    result.uid = m_uid;
    result.gid = m_gid;
    result.link_count = m_link_count;
    result.device_number = m_device_number;
    result.size = m_size;
    result.block_size = 4096;
    result.access_ns = m_access_ns;
    result.modify_ns = m_modify_ns;
    result.change_ns = m_change_ns;
    return result;
}

void Inode::touch_modified()
{
    m_modify_ns = m_change_ns = hal::clock_ns();
}

void Inode::touch_changed()
{
    m_change_ns = hal::clock_ns();
}

void Inode::set_permissions(Mode permissions)
{
    m_mode = (m_mode & mode::TYPE_MASK) | (permissions & mode::PERMISSION_MASK);
    touch_changed();
}

void Inode::set_owner(const uint32_t* uid, const uint32_t* gid)
{
    constexpr Mode SET_UID = 04000, SET_GID = 02000, GROUP_EXECUTE = 00010;
    if (uid)
        m_uid = *uid;
    if (gid)
        m_gid = *gid;
    if (type() != FileType::Directory) {
        Mode cleared = SET_UID | ((m_mode & GROUP_EXECUTE) ? SET_GID : 0);
        m_mode &= ~cleared;
    }
    touch_changed();
}

void Inode::set_times(const uint64_t* access_ns, const uint64_t* modify_ns)
{
    if (!access_ns && !modify_ns)
        return; // both UTIME_OMIT: Linux changes nothing, not even the change time
    if (access_ns)
        m_access_ns = *access_ns;
    if (modify_ns)
        m_modify_ns = *modify_ns;
    touch_changed();
}

void Inode::touch_accessed()
{
    constexpr uint64_t DAY_NS = 24ull * 60 * 60 * 1'000'000'000;
    uint64_t now = hal::clock_ns();
    if (m_access_ns <= m_modify_ns || m_access_ns <= m_change_ns || now - m_access_ns >= DAY_NS)
        m_access_ns = now;
}

namespace {
Errno directory_refusal(const Inode& inode)
{
    return inode.is_directory() ? Errno::NotPermitted : Errno::NotADirectory;
}
Errno data_refusal(const Inode& inode)
{
    return inode.is_directory() ? Errno::IsADirectory : Errno::InvalidArgument;
}
} // namespace

Result<Inode*> Inode::lookup(StringView)
{
    return is_directory() ? Errno::NoSuchEntry : Errno::NotADirectory;
}
Result<Inode*> Inode::create(StringView, Mode) { return directory_refusal(*this); }
Result<Inode*> Inode::make_directory(StringView, Mode) { return directory_refusal(*this); }
Result<Inode*> Inode::make_symlink(StringView, StringView) { return directory_refusal(*this); }
Result<void> Inode::link(StringView, Inode&) { return directory_refusal(*this); }
Result<void> Inode::unlink(StringView) { return directory_refusal(*this); }
Result<void> Inode::remove_directory(StringView) { return directory_refusal(*this); }
Result<void> Inode::rename(StringView, Inode&, StringView) { return directory_refusal(*this); }
Result<bool> Inode::read_directory(uint64_t&, DirectoryEntry&) { return Errno::NotADirectory; }
Result<bool> Inode::is_empty_directory() { return Errno::NotADirectory; }
Result<size_t> Inode::read(uint64_t, kstd::Span<uint8_t>) { return data_refusal(*this); }
Result<size_t> Inode::write(uint64_t, kstd::Span<const uint8_t>) { return data_refusal(*this); }
Result<void> Inode::truncate(uint64_t) { return data_refusal(*this); }
Result<size_t> Inode::read_link(kstd::Span<char>) { return Errno::InvalidArgument; }
Result<size_t> Inode::read_stream(kstd::Span<uint8_t>, bool) { return Errno::InvalidArgument; }
uint32_t Inode::poll_events(uint32_t) const { return poll_bits::ALWAYS_READY; }
Result<size_t> Inode::write_stream(kstd::Span<const uint8_t>, bool) { return Errno::InvalidArgument; }

} // namespace fs
