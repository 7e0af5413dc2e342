// How the file system differential test compares and prints its calls and their answers
// (see fs_differential_operations.hpp): the text of a call, of an answer, of a string that
// may hold any bytes, and of a mode.
#include "fs_differential_operations.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <cstring>
#include <sstream>
#include <utility>

namespace fs_differential {

namespace {

std::string flags_text(int flags)
{
    std::string text = (flags & O_ACCMODE) == O_RDONLY ? "O_RDONLY" : (flags & O_ACCMODE) == O_WRONLY ? "O_WRONLY" : "O_RDWR";
    const std::pair<int, const char*> names[] = { { O_CREAT, "O_CREAT" }, { O_EXCL, "O_EXCL" }, { O_TRUNC, "O_TRUNC" },
        { O_APPEND, "O_APPEND" }, { O_DIRECTORY, "O_DIRECTORY" }, { O_NOFOLLOW, "O_NOFOLLOW" } };
    for (auto [bit, name] : names) {
        if (flags & bit)
            text += std::string("|") + name;
    }
    return text;
}

} // namespace

std::string quoted(const std::string& text)
{
    std::string shown;
    for (char byte : text.substr(0, text.size() > 40 ? 3 : text.size())) {
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned char>(byte));
        shown += byte >= ' ' && byte <= '~' ? std::string(1, byte) : std::string(escaped);
    }
    if (text.size() > 40)
        return "\"" + shown + "...\" (" + std::to_string(text.size()) + " chars)";
    return "\"" + shown + "\"";
}

std::string octal(unsigned value)
{
    std::ostringstream out;
    out << "0" << std::oct << value;
    return out.str();
}

bool Outcome::is_directory() const
{
    return (mode & S_IFMT) == S_IFDIR;
}

bool Outcome::operator==(const Outcome& other) const
{
    if (error != other.error)
        return false;
    if (error)
        return true;
    if (value != other.value || data != other.data || has_stat != other.has_stat)
        return false;
    if (!has_stat)
        return true;
    return mode == other.mode && links == other.links && (is_directory() || size == other.size);
}

std::string Outcome::text() const
{
    std::ostringstream out;
    if (error) {
        out << "error " << error << " (" << strerrorname_np(error) << ")";
        return out.str();
    }
    out << value;
    if (!data.empty())
        out << " " << quoted(data);
    if (has_stat) {
        out << " {mode " << octal(mode) << ", links " << links;
        if (!is_directory())
            out << ", size " << size;
        out << "}";
    }
    return out.str();
}

std::string Operation::text(int keel_fd) const
{
    std::ostringstream out;
    std::string fd = "fd " + std::to_string(keel_fd);
    switch (kind) {
    case Open:
        out << "open(" << quoted(path) << ", " << flags_text(flags) << ", " << octal(mode) << ")";
        break;
    case Close:
        out << "close(" << fd << ")";
        break;
    case Read:
        out << "read(" << fd << ", " << number << ")";
        break;
    case Write:
        out << "write(" << fd << ", " << bytes.size() << " bytes)";
        break;
    case Seek:
        out << "lseek(" << fd << ", " << number << ", " << (whence == SEEK_SET ? "SEEK_SET" : whence == SEEK_CUR ? "SEEK_CUR" : "SEEK_END") << ")";
        break;
    case Fstat:
        out << "fstat(" << fd << ")";
        break;
    case Ftruncate:
        out << "ftruncate(" << fd << ", " << number << ")";
        break;
    case Stat:
        out << "stat(" << quoted(path) << ")";
        break;
    case Lstat:
        out << "lstat(" << quoted(path) << ")";
        break;
    case Truncate:
        out << "truncate(" << quoted(path) << ", " << number << ")";
        break;
    case Mkdir:
        out << "mkdir(" << quoted(path) << ", " << octal(mode) << ")";
        break;
    case Rmdir:
        out << "rmdir(" << quoted(path) << ")";
        break;
    case Unlink:
        out << "unlink(" << quoted(path) << ")";
        break;
    case Rename:
        out << "rename(" << quoted(path) << ", " << quoted(other) << ")";
        break;
    case Link:
        out << "link(" << quoted(path) << ", " << quoted(other) << ")";
        break;
    case Symlink:
        out << "symlink(" << quoted(other) << ", " << quoted(path) << ")";
        break;
    case Readlink:
        out << "readlink(" << quoted(path) << ", " << number << ")";
        break;
    case Chdir:
        out << "chdir(" << quoted(path) << ")";
        break;
    case Getcwd:
        out << "getcwd()";
        break;
    }
    if (at == AT_CWD)
        out << " as its *at call from AT_FDCWD";
    else if (at == BAD)
        out << " as its *at call from fd " << BAD_FD << " (not open)";
    else if (at != PLAIN)
        out << " as its *at call from the descriptor in slot " << at;
    return out.str();
}

} // namespace fs_differential
