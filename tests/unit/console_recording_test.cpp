// Console: what real full-screen programs wrote, replayed. The recordings (in
// terminal_recordings/, made by its record.py) are the bytes Debian's busybox vi, less,
// top and watch sent to an 80x25 terminal with TERM=linux; the expected screens are what
// the programs meant to show (the file's lines, their status lines), as they looked on the
// terminal they were recorded on. The bytes go in small pieces, so sequences are split.
#include "console_test_support.hpp"
#include <cstring>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <vector>

using console::Console;

namespace {
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

    Console console { { nullptr, nullptr, nullptr }, 80, 25 };
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
