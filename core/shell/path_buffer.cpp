// PathBuffer: paths on the kernel heap (see path_buffer.hpp).
#include <kstd/verify.hpp>
#include <mm/heap/kmalloc.hpp>
#include <shell/path_buffer.hpp>

namespace shell {

kstd::Result<PathBuffer> PathBuffer::create(kstd::StringView initial)
{
    if (initial.size() >= CAPACITY)
        return kstd::Errno::NameTooLong;
    auto* chars = static_cast<char*>(mm::kmalloc(CAPACITY));
    if (!chars)
        return kstd::Errno::OutOfMemory;
    PathBuffer buffer(chars);
    buffer.write(initial);
    return buffer;
}

PathBuffer::PathBuffer(PathBuffer&& other)
    : m_chars(other.m_chars), m_length(other.m_length)
{
    other.m_chars = nullptr;
    other.m_length = 0;
}

PathBuffer::~PathBuffer()
{
    mm::kfree(m_chars);
}

kstd::Result<void> PathBuffer::append(kstd::StringView name)
{
    bool separate = m_length > 0 && m_chars[m_length - 1] != '/';
    if (m_length + separate + name.size() >= CAPACITY)
        return kstd::Errno::NameTooLong;
    if (separate)
        m_chars[m_length++] = '/';
    __builtin_memcpy(m_chars + m_length, name.data(), name.size());
    m_length += name.size();
    return {};
}

void PathBuffer::set_length(size_t length)
{
    VERIFY(length < CAPACITY);
    m_length = length;
}

void PathBuffer::write(kstd::StringView text)
{
    (void)kstd::append_truncated(m_chars, CAPACITY, m_length, text);
}

} // namespace shell
