// What the file commands share: the shell's context, a descriptor closed at the end of a
// scope, path names (base name, a source's place under a target directory), and mode bits
// as ls and stat print them.
#pragma once
#include <fs/context.hpp>
#include <kstd/fixed_string.hpp>
#include <shell/path_buffer.hpp>

namespace shell {

class Shell;

// The shell's file context, or nullptr after complaining "COMMAND: no file system".
fs::Context* files_of(Shell& shell, kstd::StringView command);

// An open file descriptor, closed when the scope ends.
class Descriptor {
public:
    Descriptor(fs::Context& files, int fd) : m_files(files), m_fd(fd) {}
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    ~Descriptor()
    {
        if (m_fd >= 0)
            (void)m_files.close(m_fd);
    }
    int fd() const { return m_fd; }
    // Closes the descriptor held and holds `fd` instead.
    void reset(int fd)
    {
        if (m_fd >= 0)
            (void)m_files.close(m_fd);
        m_fd = fd;
    }
    // Keeps the descriptor open past the scope; returns it.
    int release()
    {
        int fd = m_fd;
        m_fd = -1;
        return fd;
    }

private:
    fs::Context& m_files;
    int m_fd;
};

// `path` without its trailing slashes ("a/b//" is "a/b"; "/" and "//" stay "/").
kstd::StringView without_trailing_slashes(kstd::StringView path);
// The last component of `path`: "c" for "/a/b/c" and "c/"; "/" for "/".
kstd::StringView base_name(kstd::StringView path);
// Whether `path` names a directory (following a symbolic link).
bool is_directory(fs::Context& files, kstd::StringView path);
// Where mv, cp and ln put `source` given `target`: TARGET/NAME (NAME the source's base
// name) when the target is a directory, else the target itself.
kstd::Result<PathBuffer> destination_for(fs::Context& files, kstd::StringView source,
                                         kstd::StringView target);

// Prints " -> TARGET" for the symbolic link `path` in `directory_fd` (as readlinkat takes
// them; nothing if it cannot be read), using `scratch` to read it into.
void print_link_target(Shell& shell, fs::Context& files, int directory_fd, kstd::StringView path,
                       PathBuffer& scratch);

// "drwxr-xr-x" for st_mode bits, with s/S and t/T for set-id and sticky bits.
kstd::FixedString<10> mode_string(fs::Mode mode);

} // namespace shell
