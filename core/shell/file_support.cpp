// Helpers of the file commands (see file_support.hpp).
#include <shell/file_support.hpp>
#include <shell/shell.hpp>

namespace shell {

fs::Context* files_of(Shell& shell, kstd::StringView command)
{
    if (!shell.files())
        shell.error("{}: no file system", command);
    return shell.files();
}

kstd::StringView without_trailing_slashes(kstd::StringView path)
{
    size_t length = path.size();
    while (length > 1 && path[length - 1] == '/')
        --length;
    return path.substring(0, length);
}

kstd::StringView base_name(kstd::StringView path)
{
    kstd::StringView trimmed = without_trailing_slashes(path);
    if (trimmed == "/")
        return trimmed;
    size_t start = trimmed.size();
    while (start > 0 && trimmed[start - 1] != '/')
        --start;
    return trimmed.substring(start);
}

bool is_directory(fs::Context& files, kstd::StringView path)
{
    auto status = files.stat(path);
    return !status.is_error() && fs::file_type_of(status.value().mode) == fs::FileType::Directory;
}

kstd::Result<PathBuffer> destination_for(fs::Context& files, kstd::StringView source, kstd::StringView target)
{
    PathBuffer destination = TRY(PathBuffer::create(target));
    if (is_directory(files, target))
        TRY(destination.append(base_name(source)));
    return destination;
}

void print_link_target(Shell& shell, fs::Context& files, int directory_fd, kstd::StringView path,
                       PathBuffer& scratch)
{
    auto length = files.readlinkat(directory_fd, path, scratch.storage());
    if (!length.is_error())
        shell.print(" -> {}", kstd::StringView(scratch.storage().data(), length.value()));
}

kstd::FixedString<10> mode_string(fs::Mode mode)
{
    char text[10];
    switch (fs::file_type_of(mode)) {
    case fs::FileType::Directory:
        text[0] = 'd';
        break;
    case fs::FileType::Symlink:
        text[0] = 'l';
        break;
    case fs::FileType::CharDevice:
        text[0] = 'c';
        break;
    case fs::FileType::Fifo:
        text[0] = 'p';
        break;
    case fs::FileType::Regular:
        text[0] = '-';
        break;
    }
    // Owner, group, others: read, write, execute, where execute shares its place with
    // set-user-ID, set-group-ID and sticky (lower case when execute is also set).
    constexpr fs::Mode special[3] = { 04000, 02000, 01000 };
    constexpr char special_letter[3] = { 's', 's', 't' };
    for (int who = 0; who < 3; ++who) {
        fs::Mode bits = mode >> (6 - 3 * who);
        text[1 + 3 * who] = bits & 4 ? 'r' : '-';
        text[2 + 3 * who] = bits & 2 ? 'w' : '-';
        char execute = bits & 1 ? 'x' : '-';
        if (mode & special[who])
            execute = bits & 1 ? special_letter[who] : static_cast<char>(special_letter[who] - 'a' + 'A');
        text[3 + 3 * who] = execute;
    }
    return kstd::FixedString<10>(kstd::StringView(text, sizeof text));
}

} // namespace shell
