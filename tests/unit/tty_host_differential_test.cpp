// The line discipline against a Linux pseudo-terminal: the cases in tty_host_cases.txt run
// on Keel's LineDiscipline, and each read, write, FIONREAD and everything echoed or written
// must equal what the host's kernel gave for the same steps (tty_host_expected.txt, made
// by tty_host_peer.py, which the ctest tty_host_peer re-checks against the host). Bytes
// the discipline refuses for want of room wait in the driver, as in Linux's tty buffer,
// and are offered again when a read makes room.
#include "tty_test_support.hpp"

#include <fstream>
#include <map>
#include <sstream>

namespace {

using namespace tty;

const std::string SOURCE_DIR = KEEL_TTY_CASES_DIR "/";

struct Flag {
    uint32_t Termios::*word;
    uint32_t bit;
};

const std::map<std::string, Flag>& flags()
{
    static const std::map<std::string, Flag> table = {
        { "IGNBRK", { &Termios::input_flags, iflag::IGNBRK } }, { "BRKINT", { &Termios::input_flags, iflag::BRKINT } },
        { "IGNPAR", { &Termios::input_flags, iflag::IGNPAR } }, { "PARMRK", { &Termios::input_flags, iflag::PARMRK } },
        { "INPCK", { &Termios::input_flags, iflag::INPCK } }, { "ISTRIP", { &Termios::input_flags, iflag::ISTRIP } },
        { "INLCR", { &Termios::input_flags, iflag::INLCR } }, { "IGNCR", { &Termios::input_flags, iflag::IGNCR } },
        { "ICRNL", { &Termios::input_flags, iflag::ICRNL } }, { "IUCLC", { &Termios::input_flags, iflag::IUCLC } },
        { "IXON", { &Termios::input_flags, iflag::IXON } }, { "IXANY", { &Termios::input_flags, iflag::IXANY } },
        { "IXOFF", { &Termios::input_flags, iflag::IXOFF } }, { "IMAXBEL", { &Termios::input_flags, iflag::IMAXBEL } },
        { "IUTF8", { &Termios::input_flags, iflag::IUTF8 } },
        { "OPOST", { &Termios::output_flags, oflag::OPOST } }, { "OLCUC", { &Termios::output_flags, oflag::OLCUC } },
        { "ONLCR", { &Termios::output_flags, oflag::ONLCR } }, { "OCRNL", { &Termios::output_flags, oflag::OCRNL } },
        { "ONOCR", { &Termios::output_flags, oflag::ONOCR } }, { "ONLRET", { &Termios::output_flags, oflag::ONLRET } },
        { "OFILL", { &Termios::output_flags, oflag::OFILL } }, { "OFDEL", { &Termios::output_flags, oflag::OFDEL } },
        { "XTABS", { &Termios::output_flags, oflag::XTABS } },
        { "ISIG", { &Termios::local_flags, lflag::ISIG } }, { "ICANON", { &Termios::local_flags, lflag::ICANON } },
        { "XCASE", { &Termios::local_flags, lflag::XCASE } }, { "ECHO", { &Termios::local_flags, lflag::ECHO } },
        { "ECHOE", { &Termios::local_flags, lflag::ECHOE } }, { "ECHOK", { &Termios::local_flags, lflag::ECHOK } },
        { "ECHONL", { &Termios::local_flags, lflag::ECHONL } }, { "NOFLSH", { &Termios::local_flags, lflag::NOFLSH } },
        { "TOSTOP", { &Termios::local_flags, lflag::TOSTOP } }, { "ECHOCTL", { &Termios::local_flags, lflag::ECHOCTL } },
        { "ECHOPRT", { &Termios::local_flags, lflag::ECHOPRT } }, { "ECHOKE", { &Termios::local_flags, lflag::ECHOKE } },
        { "FLUSHO", { &Termios::local_flags, lflag::FLUSHO } }, { "PENDIN", { &Termios::local_flags, lflag::PENDIN } },
        { "IEXTEN", { &Termios::local_flags, lflag::IEXTEN } }, { "EXTPROC", { &Termios::local_flags, lflag::EXTPROC } },
    };
    return table;
}

const std::map<std::string, size_t> CONTROL_CHARACTERS = { { "VINTR", cc::VINTR }, { "VQUIT", cc::VQUIT },
    { "VERASE", cc::VERASE }, { "VKILL", cc::VKILL }, { "VEOF", cc::VEOF }, { "VTIME", cc::VTIME },
    { "VMIN", cc::VMIN }, { "VSTART", cc::VSTART }, { "VSTOP", cc::VSTOP }, { "VSUSP", cc::VSUSP },
    { "VEOL", cc::VEOL }, { "VREPRINT", cc::VREPRINT }, { "VDISCARD", cc::VDISCARD },
    { "VWERASE", cc::VWERASE }, { "VLNEXT", cc::VLNEXT }, { "VEOL2", cc::VEOL2 } };

std::string unescape(const std::string& text)
{
    std::string out;
    for (size_t index = 0; index < text.size(); ++index) {
        if (text[index] != '\\') {
            out += text[index];
            continue;
        }
        char code = text[++index];
        if (code == 'x') {
            out += static_cast<char>(std::stoi(text.substr(index + 1, 2), nullptr, 16));
            index += 2;
        } else {
            out += code == 'r' ? '\r' : code == 'n' ? '\n' : code == 't' ? '\t' : code == 'b' ? '\b' : code;
        }
    }
    return out;
}

std::string escape(const std::string& bytes)
{
    std::string out;
    for (unsigned char byte : bytes) {
        char hex[8];
        if (byte == '\\')
            out += "\\\\";
        else if (byte >= 32 && byte < 127)
            out += static_cast<char>(byte);
        else if (byte == '\r' || byte == '\n' || byte == '\t' || byte == '\b')
            out += byte == '\r' ? "\\r" : byte == '\n' ? "\\n" : byte == '\t' ? "\\t" : "\\b";
        else {
            snprintf(hex, sizeof(hex), "\\x%02x", byte);
            out += hex;
        }
    }
    return out;
}

struct Step {
    std::string command, argument;
};

struct Case {
    std::string name;
    std::vector<Step> steps;
};

std::vector<std::string> lines_of(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    EXPECT_TRUE(file.good()) << path;
    std::vector<std::string> lines;
    for (std::string line; std::getline(file, line);)
        if (!line.empty() && line[0] != '#')
            lines.push_back(line);
    return lines;
}

std::vector<Case> cases()
{
    std::vector<Case> all;
    for (const std::string& line : lines_of(SOURCE_DIR + "tty_host_cases.txt")) {
        size_t space = line.find(' ');
        std::string command = line.substr(0, space);
        std::string argument = space == std::string::npos ? "" : line.substr(space + 1);
        if (command == "case")
            all.push_back({ argument, {} });
        else
            all.back().steps.push_back({ command, argument });
    }
    return all;
}

// The expected lines of each case, by name.
std::map<std::string, std::vector<std::string>> expected_results()
{
    std::map<std::string, std::vector<std::string>> results;
    std::string name;
    for (const std::string& line : lines_of(SOURCE_DIR + "tty_host_expected.txt")) {
        if (line.rfind("case ", 0) == 0)
            name = line.substr(5);
        else
            results[name].push_back(line);
    }
    return results;
}

struct HoldingScreen final : TerminalDriver {
    std::string shown;
    std::string held_input; // refused bytes, offered again when there is room
    LineDiscipline* discipline = nullptr;
    void write_output(kstd::StringView bytes) override { shown.append(bytes.data(), bytes.size()); }
    void input_room_available() override {}
    void offer(const std::string& bytes)
    {
        held_input += bytes;
        size_t taken = discipline->receive_bytes(kstd::StringView(held_input.data(), held_input.size()));
        held_input.erase(0, taken);
    }
};

struct NoSignals final : TerminalSignals {
    void signal_foreground(TerminalSignal) override {}
};

std::vector<std::string> run_on_keel(const Case& test)
{
    HoldingScreen screen;
    NoSignals signals;
    tty_test::ScriptedWaits waits; // no steps: nothing here may wait
    LineDiscipline discipline(screen, signals, waits);
    screen.discipline = &discipline;
    std::vector<std::string> results;
    for (const Step& step : test.steps) {
        if (step.command == "set" || step.command == "setf") {
            Termios termios = discipline.termios();
            std::istringstream tokens(step.argument);
            for (std::string token; tokens >> token;) {
                if (token[0] == '+' || token[0] == '-') {
                    Flag flag = flags().at(token.substr(1));
                    termios.*flag.word = token[0] == '+' ? termios.*flag.word | flag.bit : termios.*flag.word & ~flag.bit;
                } else {
                    size_t equals = token.find('=');
                    termios.control_characters[CONTROL_CHARACTERS.at(token.substr(0, equals))]
                        = static_cast<uint8_t>(std::stoi(token.substr(equals + 1), nullptr, 0));
                }
            }
            discipline.set_termios(termios,
                step.command == "setf" ? SetTermiosWhen::AfterOutputFlushingInput : SetTermiosWhen::Now);
        } else if (step.command.rfind("in", 0) == 0) {
            size_t repeat = step.command.rfind("in*", 0) == 0 ? std::stoul(step.command.substr(3)) : 1;
            std::string bytes;
            for (size_t count = 0; count < repeat; ++count)
                bytes += unescape(step.argument);
            screen.offer(bytes);
        } else if (step.command == "write") {
            std::string bytes = unescape(step.argument);
            auto wrote = discipline.write({ reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size() }, true);
            results.push_back(wrote.is_error() ? "wrote EAGAIN" : "wrote " + std::to_string(wrote.value()));
        } else if (step.command == "read") {
            std::string buffer(std::stoul(step.argument), '\0');
            auto got = discipline.read({ reinterpret_cast<uint8_t*>(buffer.data()), buffer.size() }, true);
            results.push_back(got.is_error() ? "read EAGAIN" : "read " + escape(buffer.substr(0, got.value())));
            screen.offer("");
        } else if (step.command == "count") {
            results.push_back("count " + std::to_string(discipline.readable_count()));
        } else {
            ADD_FAILURE() << "unknown step " << step.command;
        }
    }
    results.push_back("shown " + escape(screen.shown));
    return results;
}

TEST(TtyHostDifferential, EveryCaseGivesWhatALinuxPseudoTerminalGives)
{
    auto expected = expected_results();
    auto all = cases();
    EXPECT_GT(all.size(), 40u);
    for (const Case& test : all) {
        SCOPED_TRACE("case " + test.name);
        ASSERT_TRUE(expected.count(test.name)) << "no expected results: run tty_host_peer.py --generate";
        std::vector<std::string> got = run_on_keel(test);
        const std::vector<std::string>& want = expected[test.name];
        for (size_t index = 0; index < std::max(got.size(), want.size()); ++index)
            EXPECT_EQ(index < got.size() ? got[index] : "(nothing)", index < want.size() ? want[index] : "(nothing)")
                << "result #" << index;
    }
}

} // namespace
