// Helpers for the line discipline tests: a screen that records what the driver is given,
// a recorder of the signals sent, and scripted waits. A reader or writer that would block
// takes the next step of the script instead — bytes arrive, the clock moves to the wait's
// deadline, or a signal interrupts — so every path of read() and write() runs on the host
// without threads. A wait with no step left fails the test (it would wait forever).
#pragma once
#include <gtest/gtest.h>
#include <tty/line_discipline.hpp>

#include <deque>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace tty_test {

struct Screen final : tty::TerminalDriver {
    std::string shown;
    int room_notices = 0;
    void write_output(kstd::StringView bytes) override { shown.append(bytes.data(), bytes.size()); }
    void input_room_available() override { ++room_notices; }
    std::string take()
    {
        std::string text = shown;
        shown.clear();
        return text;
    }
};

struct SignalRecorder final : tty::TerminalSignals {
    std::vector<tty::TerminalSignal> sent;
    void signal_foreground(tty::TerminalSignal signal) override { sent.push_back(signal); }
};

struct ScriptedWaits final : tty::TerminalWaits {
    struct Wait {
        bool had_deadline;
        uint64_t deadline_ns;
        uint64_t at_ns;
    };
    using Step = std::function<sched::WaitResult(kstd::Optional<uint64_t> deadline)>;
    uint64_t now = 1'000'000'000;
    std::deque<Step> steps;
    std::vector<Wait> waits; // every wait, with its deadline (relative figures are easier to read)

    uint64_t now_ns() override { return now; }
    sched::WaitResult wait(sched::WaitQueue&, kstd::Optional<uint64_t> deadline) override
    {
        waits.push_back({ deadline.has_value(), deadline ? deadline.value() : 0, now });
        if (steps.empty())
            throw std::runtime_error("the reader or writer would wait forever");
        Step step = std::move(steps.front());
        steps.pop_front();
        return step(deadline);
    }
};

constexpr uint64_t DECISECOND_NS = 100'000'000;

struct TtyTest : ::testing::Test {
    Screen screen;
    SignalRecorder signals;
    ScriptedWaits waits;
    tty::LineDiscipline discipline { screen, signals, waits };

    // Changes the settings from Linux's defaults.
    void set_flags(uint32_t tty::Termios::*word, uint32_t on, uint32_t off = 0)
    {
        tty::Termios termios = discipline.termios();
        termios.*word = (termios.*word | on) & ~off;
        discipline.set_termios(termios);
    }
    void set_local(uint32_t on, uint32_t off = 0) { set_flags(&tty::Termios::local_flags, on, off); }
    void set_input(uint32_t on, uint32_t off = 0) { set_flags(&tty::Termios::input_flags, on, off); }
    void set_output(uint32_t on, uint32_t off = 0) { set_flags(&tty::Termios::output_flags, on, off); }
    void set_control_character(size_t index, uint8_t value)
    {
        tty::Termios termios = discipline.termios();
        termios.control_characters[index] = value;
        discipline.set_termios(termios);
    }
    // Non-canonical, no echo, with VMIN and VTIME.
    void raw_mode(uint8_t min, uint8_t time)
    {
        tty::Termios termios = discipline.termios();
        termios.local_flags &= ~(tty::lflag::ICANON | tty::lflag::ECHO);
        termios.control_characters[tty::cc::VMIN] = min;
        termios.control_characters[tty::cc::VTIME] = time;
        discipline.set_termios(termios);
    }

    // Types `bytes`, every one of which must be taken.
    void type(const std::string& bytes)
    {
        EXPECT_EQ(discipline.receive_bytes(kstd::StringView(bytes.data(), bytes.size())), bytes.size());
    }
    // One read of at most `size` bytes: the bytes, or "E<errno>".
    std::string read(size_t size = 4096, bool nonblocking = false)
    {
        std::string text(size, '\0');
        auto got = discipline.read({ reinterpret_cast<uint8_t*>(text.data()), size }, nonblocking);
        if (got.is_error())
            return "E" + std::to_string(static_cast<int>(got.error().code()));
        text.resize(got.value());
        return text;
    }
    std::string write(const std::string& text, bool nonblocking = false)
    {
        auto got = discipline.write({ reinterpret_cast<const uint8_t*>(text.data()), text.size() }, nonblocking);
        if (got.is_error())
            return "E" + std::to_string(static_cast<int>(got.error().code()));
        return std::to_string(got.value());
    }

    // Script steps.
    ScriptedWaits::Step arrive(std::string bytes)
    {
        return [this, bytes](kstd::Optional<uint64_t>) {
            type(bytes);
            return sched::WaitResult::Woken;
        };
    }
    ScriptedWaits::Step time_runs_out()
    {
        return [this](kstd::Optional<uint64_t> deadline) {
            if (!deadline)
                throw std::runtime_error("a wait with no deadline cannot time out");
            waits.now = deadline.value();
            return sched::WaitResult::TimedOut;
        };
    }
    ScriptedWaits::Step time_passes_then_arrive(uint64_t ns, std::string bytes)
    {
        return [this, ns, bytes](kstd::Optional<uint64_t>) {
            waits.now += ns;
            type(bytes);
            return sched::WaitResult::Woken;
        };
    }
    ScriptedWaits::Step interrupted()
    {
        return [](kstd::Optional<uint64_t>) { return sched::WaitResult::Interrupted; };
    }
};

inline const std::string EINTR_TEXT = "E4", EAGAIN_TEXT = "E11";

} // namespace tty_test
