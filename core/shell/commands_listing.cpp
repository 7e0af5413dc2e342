// ls: the entries of directories, or the files named.
//
// As coreutils' ls: file operands are listed first (as themselves), then each directory
// operand's entries, in name order, under a "DIRECTORY:" heading when there are several
// operands. Names starting with "." are left out unless -a. On the console the short
// form fills columns down and then across; into a file it is one name a line. -l gives
// a line per name: mode, links, size (major, minor for a device), name, and " -> TARGET"
// for a symbolic link. Keel has no users or wall clock, so no owner or time columns.
// A symbolic link operand is followed to its directory, except with -l.
#include <shell/commands.hpp>
#include <shell/directory_listing.hpp>
#include <shell/file_support.hpp>
#include <shell/options.hpp>
#include <shell/shell.hpp>

namespace shell {

using kstd::StringView;

namespace {

constexpr size_t COLUMN_GAP = 2;

void pad(Shell& shell, size_t count)
{
    constexpr StringView SPACES = "                ";
    for (; count > SPACES.size(); count -= SPACES.size())
        shell.out().write(SPACES);
    shell.out().write(SPACES.substring(0, count));
}

// Prints `count` names (`name(index)` gives one) in as many columns as fit the output.
template<typename Name>
void print_columns(Shell& shell, size_t count, Name name)
{
    size_t widest = 0;
    for (size_t index = 0; index < count; ++index)
        widest = name(index).size() > widest ? name(index).size() : widest;
    size_t column_width = widest + COLUMN_GAP;
    size_t columns = (shell.columns() + COLUMN_GAP) / column_width;
    if (columns == 0)
        columns = 1;
    size_t rows = (count + columns - 1) / columns;
    for (size_t row = 0; row < rows; ++row) {
        for (size_t index = row; index < count; index += rows) {
            shell.print("{}", name(index));
            if (index + rows < count)
                pad(shell, column_width - name(index).size());
        }
        shell.println("");
    }
}

class Lister {
public:
    Lister(Shell& shell, fs::Context& files, PathBuffer scratch, bool long_format, bool all)
        : m_shell(shell), m_files(files), m_scratch(std::move(scratch)), m_long_format(long_format),
          m_all(all)
    {
    }

    // One -l line for `path`, shown as `name`; false (after complaining) if it is gone.
    bool print_long(StringView path, StringView name)
    {
        auto status = m_files.lstat(path);
        if (status.is_error()) {
            m_shell.error("ls: cannot access '{}': {}", path, status.error().description());
            return false;
        }
        const fs::Stat& file = status.value();
        kstd::FixedString<24> size;
        if (fs::file_type_of(file.mode) == fs::FileType::CharDevice)
            kstd::format_to(size, "{}, {}", file.device_number >> 8, file.device_number & 0xff);
        else
            kstd::format_to(size, "{}", file.size);
        m_shell.print("{} {:>3} {:>8} {}", mode_string(file.mode).view(), file.link_count, size.view(), name);
        if (fs::file_type_of(file.mode) == fs::FileType::Symlink)
            print_link_target(m_shell, m_files, fs::CURRENT_DIRECTORY, path, m_scratch);
        m_shell.println("");
        return true;
    }

    bool print_files(kstd::Span<const StringView> paths)
    {
        if (!m_long_format) {
            print_columns(m_shell, paths.size(), [&](size_t index) { return paths[index]; });
            return true;
        }
        bool all_there = true;
        for (StringView path : paths)
            all_there = print_long(path, path) && all_there;
        return all_there;
    }

    bool print_directory(StringView directory)
    {
        using Include = DirectoryListing::Include;
        auto listing = DirectoryListing::read(m_files, directory, m_all ? Include::All : Include::Visible);
        if (listing.is_error()) {
            m_shell.error("ls: cannot open directory '{}': {}", directory, listing.error().description());
            return false;
        }
        const DirectoryListing& entries = listing.value();
        if (!m_long_format) {
            print_columns(m_shell, entries.size(), [&](size_t index) { return entries[index].name_view(); });
            return true;
        }
        auto path = PathBuffer::create(directory);
        if (path.is_error()) {
            m_shell.error("ls: {}: {}", directory, path.error().description());
            return false;
        }
        bool all_there = true;
        for (size_t index = 0; index < entries.size() && !interrupted(); ++index) {
            path.value().set_length(directory.size());
            StringView name = entries[index].name_view();
            if (auto joined = path.value().append(name); joined.is_error()) {
                m_shell.error("ls: {}/{}: {}", directory, name, joined.error().description());
                all_there = false;
            } else {
                all_there = print_long(path.value().view(), name) && all_there;
            }
        }
        return all_there;
    }

    // Whether `path` is listed as a directory; false when it is a file or is missing.
    bool lists_as_directory(StringView path)
    {
        auto status = m_long_format ? m_files.lstat(path) : m_files.stat(path);
        return !status.is_error() && fs::file_type_of(status.value().mode) == fs::FileType::Directory;
    }

private:
    Shell& m_shell;
    fs::Context& m_files;
    PathBuffer m_scratch;
    bool m_long_format;
    bool m_all;
};

} // namespace

int command_ls(Shell& shell, const Arguments& arguments)
{
    Options options;
    if (!options.parse(shell, arguments, "la"))
        return STATUS_USAGE;
    fs::Context* files = files_of(shell, "ls");
    if (!files)
        return STATUS_FAILURE;
    auto scratch = PathBuffer::create();
    if (scratch.is_error()) {
        shell.error("ls: {}", scratch.error().description());
        return STATUS_FAILURE;
    }
    Lister lister(shell, *files, scratch.release_value(), options.has('l'), options.has('a'));
    kstd::Span<const StringView> operands = options.operands_or_here();

    int status = STATUS_OK;
    StringView plain_files[Arguments::MAX_WORDS];
    size_t plain_count = 0;
    for (StringView path : operands) {
        if (lister.lists_as_directory(path))
            continue;
        if (auto found = files->lstat(path); found.is_error()) {
            shell.error("ls: cannot access '{}': {}", path, found.error().description());
            status = STATUS_FAILURE;
        } else {
            plain_files[plain_count++] = path;
        }
    }
    if (plain_count > 0 && !lister.print_files({ plain_files, plain_count }))
        status = STATUS_FAILURE;
    bool first = plain_count == 0;
    for (StringView path : operands) {
        if (!lister.lists_as_directory(path))
            continue;
        if (!first)
            shell.println("");
        first = false;
        if (operands.size() > 1)
            shell.println("{}:", path);
        if (!lister.print_directory(path))
            status = STATUS_FAILURE;
    }
    return status;
}

} // namespace shell
