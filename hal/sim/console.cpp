// The sim's text screen: 80x25 cells in memory, drawn by the front end's window.
//
// put_cell() and set_cursor() store under a mutex and bump a generation counter; the
// renderer (another thread) compares generations to know when to redraw and copies the
// whole screen in one go with read_screen(), so it never draws half an update of a cell.
#include "interrupt_controller.hpp"
#include <sim_machine.hpp>

#include <atomic>
#include <mutex>

namespace {

using sim::ScreenSnapshot;

constexpr hal::Cell BLANK_CELL { ' ', 0x07 };

struct Screen {
    std::mutex mutex;
    ScreenSnapshot contents;
    std::atomic<uint64_t> generation { 0 };

    Screen()
    {
        for (auto& row : contents.cells)
            for (auto& cell : row)
                cell = BLANK_CELL;
        contents.cursor_col = 0;
        contents.cursor_row = 0;
    }
};

Screen& screen()
{
    static Screen& instance = *new Screen;
    return instance;
}

} // namespace

namespace sim {

uint64_t screen_generation()
{
    return screen().generation.load();
}

uint64_t read_screen(ScreenSnapshot& snapshot)
{
    Screen& current = screen();
    std::lock_guard lock(current.mutex);
    snapshot = current.contents;
    return current.generation.load();
}

} // namespace sim

namespace hal {

ScreenSize screen_size()
{
    return { ScreenSnapshot::COLS, ScreenSnapshot::ROWS };
}

void put_cell(uint16_t col, uint16_t row, Cell cell)
{
    if (col >= ScreenSnapshot::COLS || row >= ScreenSnapshot::ROWS)
        return;
    ksync::InterruptGuard guard;
    Screen& current = screen();
    std::lock_guard lock(current.mutex);
    current.contents.cells[row][col] = cell;
    current.generation.fetch_add(1);
}

void set_cursor(uint16_t col, uint16_t row)
{
    ksync::InterruptGuard guard;
    Screen& current = screen();
    std::lock_guard lock(current.mutex);
    current.contents.cursor_col = col;
    current.contents.cursor_row = row;
    current.generation.fetch_add(1);
}

} // namespace hal
