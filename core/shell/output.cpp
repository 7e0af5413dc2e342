// The shell's output writers (see output.hpp).
#include <shell/output.hpp>
#include <sync/interrupt_guard.hpp>

namespace shell {

void ConsoleWriter::write(kstd::StringView text)
{
    ksync::InterruptGuard guard;
    m_console.write(text);
}

FileWriter::FileWriter(fs::Context& files, int fd) : m_files(files), m_fd(fd)
{
    if (auto status = files.fstat(fd); !status.is_error())
        m_status = status.value();
}

void FileWriter::write(kstd::StringView text)
{
    while (!text.empty() && !m_outcome.is_error()) {
        if (m_length == BUFFER_SIZE)
            flush();
        size_t room = BUFFER_SIZE - m_length;
        size_t taken = text.size() < room ? text.size() : room;
        __builtin_memcpy(m_buffer + m_length, text.data(), taken);
        m_length += taken;
        text = text.substring(taken);
    }
}

void FileWriter::flush()
{
    size_t done = 0;
    while (done < m_length && !m_outcome.is_error()) {
        auto written =
            m_files.write(m_fd, { reinterpret_cast<const uint8_t*>(m_buffer + done), m_length - done });
        if (written.is_error())
            m_outcome = written.release_error();
        else if (written.value() == 0)
            m_outcome = kstd::Errno::NoSpace;
        else
            done += written.value();
    }
    m_length = 0;
}

kstd::Result<void> FileWriter::finish()
{
    flush();
    auto closed = m_files.close(m_fd);
    if (m_outcome.is_error())
        return m_outcome.release_error();
    return closed;
}

bool FileWriter::writes_to(const fs::Stat& status) const
{
    return status.same_file_as(m_status);
}

} // namespace shell
