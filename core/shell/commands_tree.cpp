// tree: a directory and everything below it, drawn like tree(1) with --charset=ascii.
//
//     /home
//     |-- guest
//     |   |-- notes.txt
//     |   `-- poem.txt
//     `-- link -> guest
//
//     2 directories, 3 files
//
// Names are in order at each level, those starting with "." only with -a. Symbolic
// links show their target and are not followed; they count as files, as in tree(1). A
// directory that cannot be read is marked and the rest is still drawn. The walk goes by
// directory descriptors, so a tree deeper than a path can name is drawn whole.
#include <shell/commands.hpp>
#include <shell/directory_walk.hpp>
#include <shell/file_support.hpp>
#include <shell/options.hpp>
#include <shell/shell.hpp>

namespace shell {

namespace {

struct Counts {
    uint64_t directories = 0;
    uint64_t files = 0;
};

void print_entry(Shell& shell, fs::Context& files, DirectoryWalk& walk, const DirectoryWalk::Step& step,
                 PathBuffer& scratch)
{
    for (size_t depth = 0; depth < step.depth; ++depth)
        shell.print("{}", walk.has_more_at(depth) ? "|   " : "    ");
    shell.print("{}{}", step.last ? "`-- " : "|-- ", step.name);
    if (step.type == fs::FileType::Symlink)
        print_link_target(shell, files, walk.directory_fd(), step.name, scratch);
    if (step.opened.is_error())
        shell.print("  [error opening dir: {}]", step.opened.error().description());
    shell.println("");
}

// Draws the tree below `directory`; false (after complaining) if it cannot be walked.
bool print_tree(Shell& shell, fs::Context& files, kstd::StringView directory,
                DirectoryListing::Include include, PathBuffer& scratch, Counts& counts)
{
    auto walk = DirectoryWalk::start(files, fs::CURRENT_DIRECTORY, directory, include, true);
    if (walk.is_error()) {
        shell.error("tree: {}: {}", directory, walk.error().description());
        return false;
    }
    shell.println("{}", directory);
    DirectoryWalk::Step step;
    for (;;) {
        auto more = walk.value().next(step);
        if (more.is_error()) {
            shell.error("tree: {}: {}", walk.value().path(), more.error().description());
            return false;
        }
        if (!more.value())
            return true;
        if (step.kind == DirectoryWalk::Step::Kind::Leave)
            continue;
        print_entry(shell, files, walk.value(), step, scratch);
        if (step.type == fs::FileType::Directory)
            ++counts.directories;
        else
            ++counts.files;
    }
}

} // namespace

int command_tree(Shell& shell, const Arguments& arguments)
{
    Options options;
    if (!options.parse(shell, arguments, "a"))
        return STATUS_USAGE;
    fs::Context* files = files_of(shell, "tree");
    if (!files)
        return STATUS_FAILURE;
    auto scratch = PathBuffer::create();
    if (scratch.is_error()) {
        shell.error("tree: {}", scratch.error().description());
        return STATUS_FAILURE;
    }
    using Include = DirectoryListing::Include;
    Include include = options.has('a') ? Include::Hidden : Include::Visible;
    int status = STATUS_OK;
    Counts counts;
    for (kstd::StringView directory : options.operands_or_here()) {
        if (!print_tree(shell, *files, directory, include, scratch.value(), counts))
            status = STATUS_FAILURE;
    }
    shell.println("");
    shell.println("{} director{}, {} file{}", counts.directories, counts.directories == 1 ? "y" : "ies",
                  counts.files, counts.files == 1 ? "" : "s");
    return status;
}

} // namespace shell
