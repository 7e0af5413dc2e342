// The fixture of the shell's file command tests: a Shell working in the Context of an
// fs_test::FsTest (a Vfs with a ramfs root, on a fresh kernel heap, checked for leaks at
// the end), and run(), which runs one line on a cleared console and reads back the rows
// it printed, so a test compares a command's whole output at once.
#pragma once
#include "fs_test_support.hpp"

#include <console/print.hpp>
#include <shell/commands.hpp>
#include <shell/shell.hpp>

namespace shell_test {

// The ramfs root's size in pages, for df and for filling it up.
constexpr uint64_t PAGE_LIMIT = 64;

struct ShellFilesTest : fs_test::FsTest {
    explicit ShellFilesTest(size_t heap_limit_bytes = HEAP_LIMIT_BYTES) : FsTest(PAGE_LIMIT, heap_limit_bytes)
    {
        shell.use_files(*context);
    }

    struct Ran {
        int status;
        std::string text; // every row the command printed, each ending in "\n"
    };

    // Runs `line` on a cleared console and reads back what it printed.
    Ran run(const std::string& line)
    {
        shell.execute("clear");
        int status = shell.execute(view(line));
        console::Console& console = console::kernel_console();
        uint16_t rows = console.cursor_row() + (console.cursor_col() > 0 ? 1 : 0);
        std::string text;
        for (uint16_t row = 0; row < rows; ++row) {
            std::string cells;
            for (uint16_t col = 0; col < console.cols(); ++col)
                cells += static_cast<char>(console.cell_at(col, row).character);
            text += cells.substr(0, cells.find_last_not_of(' ') + 1) + "\n";
        }
        return { status, text };
    }

    // Runs a line that must succeed quietly.
    void ok(const std::string& line)
    {
        Ran ran = run(line);
        EXPECT_EQ(ran.status, 0) << line << "\n" << ran.text;
        EXPECT_EQ(ran.text, "") << line;
    }

    fs::FileType type_of(const std::string& path)
    {
        auto status = context->lstat(view(path));
        EXPECT_FALSE(status.is_error()) << path;
        return status.is_error() ? fs::FileType::Regular : fs::file_type_of(status.value().mode);
    }

    bool exists(const std::string& path) { return !context->lstat(view(path)).is_error(); }

    shell::Shell shell { console::kernel_console() };
};

using Ran = ShellFilesTest::Ran;

inline void expect_ran(const Ran& ran, int status, const std::string& text)
{
    EXPECT_EQ(ran.status, status) << ran.text;
    EXPECT_EQ(ran.text, text);
}

} // namespace shell_test
