// In-kernel tests of the console on the real screen: cells, colours, the cursor, the
// status line (refreshed by its task on the async executor) and full-screen mode.
#include <console/print.hpp>
#include <ktest/ktest.hpp>
#include <sched/scheduler.hpp>
#include <status/status.hpp>

using console::Color;

KTEST(console_prints_text_in_colour_on_the_screen)
{
    console::Console& console = console::kernel_console();
    console::print("\n");
    uint16_t row = console.cursor_row();
    console::print(console::fg(Color::Yellow), "ktest-marker");
    KTEST_EXPECT(console.cell_at(0, row).character == 'k');
    KTEST_EXPECT(console.cell_at(11, row).character == 'r');
    KTEST_EXPECT(console.cell_at(0, row).attribute == console::fg(Color::Yellow).attribute());
    KTEST_EXPECT(console.cursor_col() == 12);
    KTEST_EXPECT(console.style() == console::DEFAULT_STYLE);
    console::print("\n");
}

KTEST(console_scrolls_when_full)
{
    console::Console& console = console::kernel_console();
    for (unsigned line = 0; line < console.rows() + 2u; ++line)
        console::println("scroll line {}", line);
    KTEST_EXPECT(console.cursor_row() == console.rows() - 1);
    KTEST_EXPECT(console.cursor_col() == 0);
    hal::Cell above = console.cell_at(0, static_cast<uint16_t>(console.rows() - 2));
    KTEST_EXPECT(above.character == 's');
}

namespace {
// The characters of the screen's last row.
void last_row(char (&text)[console::Console::MAX_COLS])
{
    console::Console& console = console::kernel_console();
    for (uint16_t col = 0; col < console.cols(); ++col)
        text[col] = static_cast<char>(console.cell_at(col, console.screen_rows() - 1).character);
}
} // namespace

KTEST(console_status_line_is_refreshed_while_on)
{
    console::Console& console = console::kernel_console();
    KTEST_EXPECT(!status::enable_status_line(true).is_error());
    KTEST_EXPECT(console.rows() == console.screen_rows() - 1);
    char before[console::Console::MAX_COLS] = {};
    last_row(before);
    KTEST_EXPECT(kstd::StringView(before + 1, 4) == "Keel");
    sched::sleep_for(1'500'000'000); // the uptime shown moves on by at least a second
    char after[console::Console::MAX_COLS] = {};
    last_row(after);
    KTEST_EXPECT(kstd::StringView(before, sizeof before) != kstd::StringView(after, sizeof after));
    KTEST_EXPECT(!status::enable_status_line(false).is_error());
    KTEST_EXPECT(console.rows() == console.screen_rows());
}

KTEST(console_full_screen_gives_the_screen_back)
{
    console::Console& console = console::kernel_console();
    console::print("\nbefore the game");
    uint16_t row = console.cursor_row();
    console.begin_full_screen();
    KTEST_EXPECT(console.cell_at(0, row).character == ' ');
    console.put_cell_at(0, row, { '@', console::fg(Color::LightGreen).attribute() });
    KTEST_EXPECT(console.cell_at(0, row).character == '@');
    console.end_full_screen();
    KTEST_EXPECT(console.cell_at(0, row).character == 'b');
    KTEST_EXPECT(console.cursor_row() == row && console.cursor_col() == 15);
    console::print("\n");
}
