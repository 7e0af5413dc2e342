// Running a game on the kernel executor: the ticker, the key reader and the wait for both
// (see game_host.hpp).
//
// The ticker's coroutine frame holds the two Frames (about 8 KB, on the kernel heap), so
// a failed allocation is an ENOMEM from spawn, not a panic. Everything the two tasks share
// lives in a Session on the waiting thread's stack, which outlives them: the ticker posts
// the semaphore as the very last thing it does, after the key reader has ended.
#include <apps/game_host.hpp>
#include <async/async.hpp>
#include <async/kernel_executor.hpp>
#include <console/print.hpp>
#include <hal/cpu.hpp>
#include <hal/timer.hpp>
#include <input/input.hpp>
#include <sched/sync.hpp>

namespace apps {

namespace {

struct Session {
    explicit Session(Game& played) : game(played) {}

    Game& game;
    sched::Semaphore finished;
    // Touched only by the two tasks, on the executor's thread.
    bool keys_started = false;
    bool keys_done = false;
};

bool is_quit_key(const input::KeyEvent& event)
{
    return event.key == input::Key::Escape || lower_case_character(event) == 'q'
        || input::is_interrupt_key(event);
}

async::Task<void> read_keys(Session& session)
{
    {
        async::KeyStream keys; // the stream is gone before keys_done says so
        for (;;) {
            input::KeyEvent event = co_await keys.next();
            if (!event.pressed)
                continue;
            if (is_quit_key(event))
                break;
            session.game.on_key(event);
        }
    }
    session.keys_done = true;
}

void show(const Frame& frame, FramePresenter& presenter)
{
    console::Console& screen = console::kernel_console();
    presenter.present(frame, [&screen](uint16_t col, uint16_t row, hal::Cell cell) {
        screen.put_cell_at(col, row, cell);
    });
}

async::Task<void> run_ticks(Session& session)
{
    session.keys_started = !async::spawn(read_keys(session)).is_error();
    Frame frame;
    FramePresenter presenter;
    uint64_t deadline = hal::clock_ns();
    while (session.keys_started && !session.keys_done) {
        session.game.tick();
        session.game.draw(frame);
        show(frame, presenter);
        // A steady beat; after a stall (a busy machine) start again from now, not catch up.
        deadline += session.game.tick_ns();
        uint64_t now = hal::clock_ns();
        if (deadline < now)
            deadline = now;
        co_await async::sleep_until(deadline);
    }
    session.finished.post();
}

} // namespace

bool is_restart_key(const input::KeyEvent& event)
{
    return event.key == input::Key::Enter || lower_case_character(event) == 'r';
}

char lower_case_character(const input::KeyEvent& event)
{
    if (event.key != input::Key::Character)
        return 0;
    bool upper = event.character >= 'A' && event.character <= 'Z';
    return upper ? static_cast<char>(event.character - 'A' + 'a') : event.character;
}

uint64_t seed_of(const GameOptions& options)
{
    return options.seed ? options.seed.value() : hal::cycles();
}

kstd::Result<void> play(Game& game)
{
    Session session(game);
    console::Console& screen = console::kernel_console();
    screen.begin_full_screen();
    kstd::Result<void> spawned = async::spawn(run_ticks(session));
    if (!spawned.is_error())
        session.finished.wait();
    screen.end_full_screen();
    if (!spawned.is_error() && !session.keys_started)
        return kstd::Errno::OutOfMemory;
    return spawned;
}

} // namespace apps
