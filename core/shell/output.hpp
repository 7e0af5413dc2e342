// Where a command's output goes: the console, or the file a line redirects it to.
//
// Commands print through Shell::out(), a kstd::Writer. Normally that is a ConsoleWriter;
// for `COMMAND > FILE` the shell opens FILE and hands the command a FileWriter on it
// instead. Errors never take this path: they go to the console (the shell's standard
// error), so `cat /nope > f` still shows why f is empty.
#pragma once
#include <console/console.hpp>
#include <fs/context.hpp>

namespace shell {

// Writes to a console with interrupts off, as console::print does.
class ConsoleWriter final : public kstd::Writer {
public:
    explicit ConsoleWriter(console::Console& console) : m_console(console) {}
    void write(kstd::StringView text) override;
    uint16_t columns() const { return m_console.cols(); }

private:
    console::Console& m_console;
};

// Writes to an open file descriptor, gathering text in a small buffer so that formatted
// output is not one file system call per piece. After the first error nothing more is
// written (a command copying without end sees failed() and stops); finish() reports it.
class FileWriter final : public kstd::Writer {
public:
    static constexpr size_t BUFFER_SIZE = 256;

    // Takes over `fd`, which finish() closes.
    FileWriter(fs::Context& files, int fd);
    FileWriter(const FileWriter&) = delete;
    FileWriter& operator=(const FileWriter&) = delete;

    void write(kstd::StringView text) override;
    // Writes out what is buffered and closes the file; the first error the writing met.
    kstd::Result<void> finish();
    // Whether a write has failed: then nothing more is written, and error() says why.
    bool failed() const override { return m_outcome.is_error(); }
    const kstd::Error& error() const { return m_outcome.error(); }
    // Whether this writes to the file `status` describes.
    bool writes_to(const fs::Stat& status) const;
    // The descriptor it writes to (a program's output goes there directly).
    int fd() const { return m_fd; }

private:
    void flush();

    fs::Context& m_files;
    int m_fd;
    fs::Stat m_status;
    char m_buffer[BUFFER_SIZE];
    size_t m_length = 0;
    kstd::Result<void> m_outcome;
};

} // namespace shell
