// In-kernel tests of the console on the real screen: cells, colours, the cursor.
#include <console/print.hpp>
#include <ktest/ktest.hpp>

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
