// Console: what real full-screen programs wrote, replayed. The recordings (in
// terminal_recordings/, made by its record.py) are the bytes Debian's busybox vi, less,
// top and watch sent to an 80x25 terminal with TERM=linux; the expected screens are what
// the programs meant to show (the file's lines, their status lines), as they looked on the
// terminal they were recorded on. The bytes go in small pieces, so sequences are split.
// The serial mirror is checked too: what it sends, played into a second console standing
// for the serial terminal, must give the same cells and cursor.
#include "console_test_support.hpp"
#include <cstring>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <vector>

using console::Console;

namespace {
std::string mirrored;
void capture_byte(char byte) { mirrored += byte; }

struct Recording {
    std::string bytes;
    std::vector<size_t> marks; // where the screen is checked, then the end
};

Recording load(const std::string& name)
{
    std::string path = std::string(KEEL_TEST_TERMINAL_RECORDINGS) + "/" + name;
    std::ifstream file(path, std::ios::binary);
    std::ifstream marks(path + ".marks");
    EXPECT_TRUE(file && marks) << path;
    Recording recording;
    std::stringstream contents;
    contents << file.rdbuf();
    recording.bytes = contents.str();
    for (size_t mark; marks >> mark;)
        recording.marks.push_back(mark);
    recording.marks.push_back(recording.bytes.size());
    return recording;
}

std::string line(int number)
{
    char text[32];
    snprintf(text, sizeof text, "line %02d alpha beta", number);
    return text;
}

struct ConsoleRecordingTest : ::testing::Test {
    // Plays the recording on up to its next mark, 5 bytes at a time.
    void play_to_mark(const Recording& recording)
    {
        size_t end = recording.marks.at(m_mark++);
        for (; m_position < end; m_position += 5) {
            size_t size = std::min<size_t>(5, end - m_position);
            console.write({ recording.bytes.data() + m_position, size });
        }
        m_position = end;
    }
    // No cell shows ESC's picture (←), nor what a sequence shown as text would leave
    // behind: '[' followed by a digit, ';' or '?'.
    void expect_no_garbage()
    {
        for (uint16_t row = 0; row < console.rows(); ++row) {
            std::string text = row_text(console, row) + " ";
            EXPECT_EQ(text.find('\x1b'), std::string::npos) << row << ": " << text;
            for (size_t at = text.find('['); at != std::string::npos; at = text.find('[', at + 1))
                EXPECT_EQ(strchr("0123456789;?", text[at + 1]), nullptr) << row << ": " << text;
        }
    }

    Console console { { nullptr, nullptr, capture_byte }, 80, 25 };
    ConsoleRecordingTest() { mirrored.clear(); }

    // The mirror so far, played into the console that stands for the terminal, shows
    // what the console shows.
    void expect_mirror_in_step()
    {
        terminal.write({ mirrored.data(), mirrored.size() });
        mirrored.clear();
        for (uint16_t row = 0; row < console.rows(); ++row) {
            for (uint16_t col = 0; col < console.cols(); ++col) {
                hal::Cell shown = console.cell_at(col, row);
                hal::Cell mirror = terminal.cell_at(col, row);
                ASSERT_TRUE(shown.character == mirror.character && shown.attribute == mirror.attribute)
                    << "at " << col << "," << row << ": " << row_text(console, row) << " | "
                    << row_text(terminal, row);
            }
        }
        EXPECT_EQ(terminal.cursor_col(), console.cursor_col());
        EXPECT_EQ(terminal.cursor_row(), console.cursor_row());
    }

    Console terminal { { nullptr, nullptr, nullptr }, 80, 25 };
    size_t m_position = 0;
    size_t m_mark = 0;
};
} // namespace

TEST_F(ConsoleRecordingTest, BusyboxVi)
{
    Recording vi = load("vi.bin");
    console.write("$ vi lines.txt\n");
    play_to_mark(vi); // up to the first key
    EXPECT_TRUE(console.in_alternate_screen());
    for (int row = 0; row < 24; ++row)
        EXPECT_EQ(row_text(console, row), line(row + 1));
    EXPECT_EQ(row_text(console, 24), "- lines.txt 1/40 2%");
    EXPECT_EQ(console.cursor_row(), 0);
    expect_no_garbage();

    play_to_mark(vi); // jjjdd
    EXPECT_EQ(row_text(console, 2), line(3));
    EXPECT_EQ(row_text(console, 3), line(5));
    EXPECT_EQ(row_text(console, 23), line(25));
    EXPECT_EQ(row_text(console, 24), "Delete 1 lines (19 chars) from [D]");
    EXPECT_EQ(console.cursor_row(), 3);
    EXPECT_EQ(console.cursor_col(), 0);

    play_to_mark(vi); // G
    EXPECT_EQ(row_text(console, 0), line(28));
    EXPECT_EQ(row_text(console, 12), line(40));
    EXPECT_EQ(row_text(console, 13), "~");
    EXPECT_EQ(row_text(console, 23), "~");
    EXPECT_EQ(row_text(console, 24), "- lines.txt [Modified] 39/39 100%");
    EXPECT_EQ(console.cursor_row(), 12);
    expect_no_garbage();

    play_to_mark(vi); // :q!
    EXPECT_FALSE(console.in_alternate_screen());
    EXPECT_EQ(row_text(console, 0), "$ vi lines.txt");
    EXPECT_EQ(row_text(console, 1), "");
    EXPECT_EQ(console.cursor_row(), 1);
    EXPECT_EQ(console.cursor_col(), 0);
}

TEST_F(ConsoleRecordingTest, BusyboxLess)
{
    Recording less = load("less.bin");
    play_to_mark(less);
    for (int row = 0; row < 24; ++row)
        EXPECT_EQ(row_text(console, row), line(row + 1));
    EXPECT_EQ(row_text(console, 24), "lines.txt");
    EXPECT_EQ(console.cell_at(0, 24).attribute, 0x70); // reverse video
    EXPECT_EQ(console.cell_at(9, 24).attribute, 0x07);
    expect_no_garbage();

    play_to_mark(less); // space: the next page
    for (int row = 0; row < 22; ++row)
        EXPECT_EQ(row_text(console, row), line(row + 19));
    EXPECT_EQ(row_text(console, 22), "");
    EXPECT_EQ(row_text(console, 23), "~");
    EXPECT_EQ(row_text(console, 24), "(END)");
    expect_no_garbage();

    play_to_mark(less); // q
    EXPECT_EQ(row_text(console, 24), "");
    EXPECT_EQ(row_text(console, 0), line(19));
}

TEST_F(ConsoleRecordingTest, BusyboxTop)
{
    Recording top = load("top.bin");
    console.write("old text\nmore old text");
    play_to_mark(top);
    EXPECT_EQ(row_text(console, 0).substr(0, 22), "Mem: 4705332K used, 19");
    EXPECT_EQ(row_text(console, 1).substr(0, 9), "CPU:  71%");
    EXPECT_EQ(row_text(console, 3), "  PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND");
    EXPECT_EQ(console.cell_at(0, 3).attribute, 0x70);
    EXPECT_EQ(console.cell_at(79, 3).attribute, 0x07);
    EXPECT_EQ(row_text(console, 4), "  101     1 root     S     1234   0%   0% sh -c sleep 1");
    EXPECT_EQ(row_text(console, 24), "  121     1 root     S     1234   0%   0% sh -c sleep 21");
    EXPECT_EQ(console.cell_at(0, 4).attribute, 0x07);
    expect_no_garbage();
    play_to_mark(top);
    EXPECT_EQ(row_text(console, 23), "  121     1 root     S     1234   0%   0% sh -c sleep 21");
}

TEST_F(ConsoleRecordingTest, BusyboxWatch)
{
    Recording watch = load("watch.bin");
    console.write("old text\nmore old text");
    play_to_mark(watch);
    EXPECT_EQ(row_text(console, 0).substr(0, 23), "Every 5.0s: echo hello ");
    EXPECT_EQ(row_text(console, 1), "");
    EXPECT_EQ(row_text(console, 2), "hello");
    EXPECT_EQ(row_text(console, 3), "");
    expect_no_garbage();
}

TEST_F(ConsoleRecordingTest, TheMirrorShowsTheSameScreen)
{
    for (const char* name : { "vi.bin", "less.bin", "top.bin", "watch.bin" }) {
        SCOPED_TRACE(name);
        Recording recording = load(name);
        m_position = 0;
        m_mark = 0;
        console.write("$ run\n\x1b[33mcoloured\x1b[0m\n");
        while (m_mark < recording.marks.size()) {
            play_to_mark(recording);
            expect_mirror_in_step();
        }
    }
}

// Every kind of sequence, mirrored: regions, editing, attributes, line drawing, modes.
TEST_F(ConsoleRecordingTest, TheMirrorFollowsEverySequence)
{
    for (int row = 1; row <= 25; ++row)
        console.write(("\x1b[" + std::to_string(row) + ";1Hrow " + std::to_string(row)).c_str());
    const char* steps[] = {
        "\x1b[5;12r\x1b[12;3H\nA\nB\x1bM\x1bM\x1b" "D\x1b" "E",
        "\x1b[6;4H\x1b[2L\x1b[3M\x1b[41m\x1b[4@\x1b[2P\x1b[3X\x1b[0m",
        "\x1b[2S\x1b[T\x1b[r\x1b[20;70H\x1b[1K\x1b[9A\x1b[4D\x1b[K\x1b[J",
        "\x1b[1;5;7;35;46mrev\x1b[22;27;38;5;202mx\x1b[48;2;0;0;200my\x1b[m\x1b[3;3H\x1b[1J",
        "\x1b(0lqqk\x1b(B\x1b" "7\x1b[10;10H\x1b[2mdim\x1b" "8z\x1b[s\x1b[2B\x1b[u\x1b[5G",
        "\x1b[?7l\x1b[24;75Hoverflowing\x1b[?7h\x1b[4h\x1b[1;1Hins\x1b[4l",
        "\x1b[20l\x1b[3;3Hlf\nlf\x1b[20h\x1b[?1049hon alternate\x1b[44m\x1b[2K\x1b[?1049l",
        "\x1b[25;80Hwrapped at the end\x1b[3E\x1b[2F\x1b[7d\x1b[9`\x1b[2a\x1b[3e\x1b[?6h\x1b[5;5r\x1b[?6l",
        "\x1b" "c\x1b[12;40Hafter reset",
    };
    for (const char* step : steps) {
        SCOPED_TRACE(step);
        console.write(step);
        expect_mirror_in_step();
    }
}
