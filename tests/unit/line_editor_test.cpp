// LineEditor and LineHistory: editing keys, history, overflow refusal and what is drawn.
#include <gtest/gtest.h>
#include <shell/line_editor.hpp>
#include <string>

using input::Key;
using input::KeyEvent;
using shell::LineEditor;

namespace {
KeyEvent press(Key key) { return { key, 0, true, false, 0 }; }
KeyEvent type(char32_t c) { return { Key::Character, c, true, false, 0 }; }
KeyEvent ctrl(char32_t c) { return { Key::Character, c, true, false, input::modifier::CTRL }; }

struct LineEditorTest : ::testing::Test {
    console::Console console { {}, 80, 25 };
    LineEditor editor { console };

    LineEditorTest() { editor.begin("> ", console::DEFAULT_STYLE); }

    LineEditor::Outcome type_text(const std::u32string& text)
    {
        LineEditor::Outcome outcome = LineEditor::Outcome::Editing;
        for (char32_t c : text)
            outcome = editor.handle(type(c));
        return outcome;
    }
    LineEditor::Outcome type_text(const std::string& text)
    {
        LineEditor::Outcome outcome = LineEditor::Outcome::Editing;
        for (char c : text)
            outcome = editor.handle(type(c));
        return outcome;
    }
    std::string line() const { return std::string(editor.line().data(), editor.line().size()); }
    std::string row(uint16_t index) const
    {
        std::string text;
        for (uint16_t col = 0; col < console.cols(); ++col)
            text += static_cast<char>(console.cell_at(col, index).character);
        return text.substr(0, text.find_last_not_of(' ') + 1);
    }
};
} // namespace

TEST_F(LineEditorTest, TypingAndSubmitting)
{
    type_text("echo hi");
    EXPECT_EQ(row(0), "> echo hi");
    EXPECT_EQ(console.cursor_col(), 9);
    EXPECT_EQ(editor.handle(press(Key::Enter)), LineEditor::Outcome::Submitted);
    EXPECT_EQ(line(), "echo hi");
    EXPECT_EQ(console.cursor_row(), 1);
}

TEST_F(LineEditorTest, InsertInTheMiddleAndDeleteBothWays)
{
    type_text("helo");
    editor.handle(press(Key::Left));
    type_text("l");
    EXPECT_EQ(line(), "hello");
    EXPECT_EQ(editor.cursor(), 4u);
    editor.handle(press(Key::Home));
    editor.handle(press(Key::Delete));
    EXPECT_EQ(line(), "ello");
    editor.handle(press(Key::End));
    editor.handle(press(Key::Backspace));
    EXPECT_EQ(line(), "ell");
    EXPECT_EQ(row(0), "> ell");
    EXPECT_EQ(console.cursor_col(), 5);
}

TEST_F(LineEditorTest, CursorKeysStopAtTheEnds)
{
    type_text("ab");
    for (int i = 0; i < 5; ++i)
        editor.handle(press(Key::Left));
    EXPECT_EQ(editor.cursor(), 0u);
    editor.handle(press(Key::Backspace));
    EXPECT_EQ(line(), "ab");
    for (int i = 0; i < 5; ++i)
        editor.handle(press(Key::Right));
    EXPECT_EQ(editor.cursor(), 2u);
    editor.handle(press(Key::Delete));
    EXPECT_EQ(line(), "ab");
}

TEST_F(LineEditorTest, ControlKeys)
{
    type_text("one two");
    editor.handle(ctrl('a'));
    EXPECT_EQ(editor.cursor(), 0u);
    editor.handle(ctrl('e'));
    EXPECT_EQ(editor.cursor(), 7u);
    for (int i = 0; i < 3; ++i)
        editor.handle(press(Key::Left));
    editor.handle(ctrl('k'));
    EXPECT_EQ(line(), "one ");
    editor.handle(ctrl('u'));
    EXPECT_EQ(line(), "");
    type_text("abandon");
    EXPECT_EQ(editor.handle(ctrl('c')), LineEditor::Outcome::Cancelled);
    EXPECT_EQ(row(0), "> abandon^C");
}

TEST_F(LineEditorTest, HistoryWalksBackAndForwardAndKeepsTheDraft)
{
    type_text("first");
    editor.handle(press(Key::Enter));
    editor.begin("> ", console::DEFAULT_STYLE);
    type_text("second");
    editor.handle(press(Key::Enter));
    editor.begin("> ", console::DEFAULT_STYLE);
    type_text("draft");
    editor.handle(press(Key::Up));
    EXPECT_EQ(line(), "second");
    editor.handle(press(Key::Up));
    EXPECT_EQ(line(), "first");
    editor.handle(press(Key::Up));
    EXPECT_EQ(line(), "first");
    editor.handle(press(Key::Down));
    EXPECT_EQ(line(), "second");
    editor.handle(press(Key::Down));
    EXPECT_EQ(line(), "draft");
    EXPECT_EQ(row(2), "> draft");
}

TEST_F(LineEditorTest, LongLinesAreRefusedAndFlagged)
{
    std::string long_line(LineEditor::CAPACITY + 20, 'x');
    type_text(long_line);
    EXPECT_EQ(editor.line().size(), LineEditor::CAPACITY);
    EXPECT_TRUE(editor.overflowed());
    EXPECT_EQ(editor.handle(press(Key::Enter)), LineEditor::Outcome::Submitted);
    editor.begin("> ", console::DEFAULT_STYLE);
    EXPECT_FALSE(editor.overflowed());
}

// Issue 11: a refused line came back from the history cut to CAPACITY characters, and
// Up+Enter ran the cut command (`echo ... > /tmp/long-name` wrote to a shorter name).
TEST_F(LineEditorTest, RefusedLinesAreNotRecallable)
{
    type_text("echo kept");
    editor.handle(press(Key::Enter));
    editor.begin("> ", console::DEFAULT_STYLE);
    std::string refused = "echo " + std::string(LineEditor::CAPACITY - 9, 'y') + " > /tmp/short-name-that-gets-cut-off";
    ASSERT_GT(refused.size(), LineEditor::CAPACITY);
    type_text(refused);
    ASSERT_TRUE(editor.overflowed());
    EXPECT_EQ(editor.handle(press(Key::Enter)), LineEditor::Outcome::Submitted);
    EXPECT_EQ(editor.history().size(), 1u);
    editor.begin("> ", console::DEFAULT_STYLE);
    editor.handle(press(Key::Up));
    EXPECT_EQ(line(), "echo kept") << "Up recalls the line before the refused one";
    editor.handle(press(Key::Up));
    EXPECT_EQ(line(), "echo kept");
}

TEST_F(LineEditorTest, WideLinesScrollInsideOneRow)
{
    type_text(std::string(100, 'a') + "END");
    EXPECT_EQ(console.cursor_row(), 0);
    std::string shown = row(0);
    EXPECT_LT(shown.size(), 80u);
    EXPECT_EQ(shown.substr(shown.size() - 3), "END");
    editor.handle(press(Key::Home));
    EXPECT_EQ(console.cursor_col(), 2);
    EXPECT_EQ(row(0).substr(0, 4), "> aa");
}

TEST(LineHistory, DropsTheOldestAndSkipsRepeats)
{
    shell::LineHistory history;
    for (int i = 0; i < 20; ++i)
        history.add(std::to_string(i).c_str());
    history.add("19");
    history.add("");
    EXPECT_EQ(history.size(), shell::LineHistory::CAPACITY);
    EXPECT_TRUE(history.at(0) == "4");
    EXPECT_TRUE(history.at(15) == "19");
}

TEST(LineHistory, NeverKeepsALineCut)
{
    shell::LineHistory history;
    history.add("short");
    std::string exact(shell::MAX_LINE_LENGTH, 'e');
    history.add(exact.c_str());
    std::string longer(shell::MAX_LINE_LENGTH + 1, 'l');
    history.add(kstd::StringView(longer.data(), longer.size()));
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(std::string(history.at(1).data(), history.at(1).size()), exact);
    kstd::StringView recalled;
    history.start_browsing("");
    ASSERT_TRUE(history.older(recalled));
    EXPECT_EQ(std::string(recalled.data(), recalled.size()), exact);
}

// The line is UTF-8 and the editor works by character: é is two bytes, one column, and
// one press of a key.
TEST_F(LineEditorTest, EditsMultiByteCharactersWhole)
{
    type_text(U"été");
    EXPECT_EQ(line(), "\xC3\xA9t\xC3\xA9");
    EXPECT_EQ(row(0), "> \x82t\x82"); // CP437 0x82 is é
    EXPECT_EQ(console.cursor_col(), 5);
    editor.handle(press(Key::Left));
    EXPECT_EQ(editor.cursor(), 3u);
    EXPECT_EQ(console.cursor_col(), 4);
    editor.handle(press(Key::Left));
    editor.handle(press(Key::Left));
    EXPECT_EQ(editor.cursor(), 0u);
    editor.handle(press(Key::Delete)); // the whole é, not half of it
    EXPECT_EQ(line(), "t\xC3\xA9");
    editor.handle(press(Key::Right));
    type_text(U"€");
    EXPECT_EQ(line(), "t\xE2\x82\xAC\xC3\xA9");
    EXPECT_EQ(console.cursor_col(), 4);
    editor.handle(press(Key::End));
    editor.handle(press(Key::Backspace));
    EXPECT_EQ(line(), "t\xE2\x82\xAC");
    editor.handle(press(Key::Backspace));
    EXPECT_EQ(line(), "t");
    EXPECT_EQ(row(0), "> t"); // '€' has no CP437 glyph: it was shown as '?'
    EXPECT_EQ(console.cursor_col(), 3);
}

TEST_F(LineEditorTest, ScrollsALongMultiByteLineByColumns)
{
    type_text(std::u32string(60, U'é') + std::u32string(30, U'x')); // 90 characters, 150 bytes
    EXPECT_EQ(editor.line().size(), 150u);
    EXPECT_FALSE(editor.overflowed());
    // One column per character: the last 77 fit before the last column, which stays free.
    EXPECT_EQ(row(0), "> " + std::string(47, '\x82') + std::string(30, 'x'));
    EXPECT_EQ(console.cursor_col(), 79);
    editor.handle(press(Key::Home));
    EXPECT_EQ(row(0), "> " + std::string(60, '\x82') + std::string(17, 'x'));
    EXPECT_EQ(console.cursor_col(), 2);
    type_text(std::u32string(5, U'é')); // 160 bytes: full
    EXPECT_FALSE(editor.overflowed());
    type_text(U"é");
    EXPECT_TRUE(editor.overflowed());
    EXPECT_EQ(editor.line().size(), 160u);
}
