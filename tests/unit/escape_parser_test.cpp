// EscapeParser: ESC and CSI sequences, parameters, markers, strings, and garbage.
#include <console/escape_parser.hpp>
#include <gtest/gtest.h>
#include <string>
#include <vector>

using console::EscapeParser;
using console::EscapeSequence;
using Action = EscapeParser::Action;

namespace {
// Feeds `bytes`, returning each action; the last sequence completed is in the parser.
std::vector<Action> feed(EscapeParser& parser, const std::string& bytes)
{
    std::vector<Action> actions;
    for (char byte : bytes)
        actions.push_back(parser.feed(static_cast<uint8_t>(byte)));
    return actions;
}
} // namespace

TEST(EscapeParser, ParsesACsiWithAPrivateMarkerAndParameters)
{
    EscapeParser parser;
    std::vector<Action> actions = feed(parser, "\x1b[?25;7h");
    EXPECT_EQ(actions.back(), Action::Csi);
    for (size_t index = 0; index + 1 < actions.size(); ++index)
        EXPECT_EQ(actions[index], Action::None);
    const EscapeSequence& sequence = parser.sequence();
    EXPECT_EQ(sequence.marker, '?');
    EXPECT_EQ(sequence.final, 'h');
    ASSERT_EQ(sequence.count, 2);
    EXPECT_EQ(sequence.params[0], 25);
    EXPECT_EQ(sequence.params[1], 7);
    EXPECT_TRUE(parser.idle());
}

TEST(EscapeParser, MissingAndZeroParametersTakeTheFallback)
{
    EscapeParser parser;
    feed(parser, "\x1b[;5H");
    EXPECT_EQ(parser.sequence().count, 2);
    EXPECT_EQ(parser.sequence().param(0, 1), 1);
    EXPECT_EQ(parser.sequence().param(1, 1), 5);
    EXPECT_EQ(parser.sequence().param(2, 1), 1);
    feed(parser, "\x1b[0J");
    EXPECT_EQ(parser.sequence().param(0, 7), 7);
    EXPECT_EQ(parser.sequence().param(0, 0), 0);
    feed(parser, "\x1b[m");
    EXPECT_EQ(parser.sequence().count, 0);
    EXPECT_EQ(parser.sequence().final, 'm');
}

TEST(EscapeParser, OverlongParametersSaturateAndExtraOnesAreDropped)
{
    EscapeParser parser;
    feed(parser, "\x1b[123456789012345678901234567890A");
    EXPECT_EQ(parser.sequence().params[0], EscapeSequence::MAX_PARAM);
    std::string many = "\x1b[";
    for (int index = 1; index <= 40; ++index)
        many += std::to_string(index) + ";";
    EXPECT_EQ(feed(parser, many + "m").back(), Action::Csi);
    EXPECT_EQ(parser.sequence().count, EscapeSequence::MAX_PARAMS);
    EXPECT_EQ(parser.sequence().params[15], 16);
}

TEST(EscapeParser, EscapeSequencesKeepTheirIntermediate)
{
    EscapeParser parser;
    EXPECT_EQ(feed(parser, "\x1b(0").back(), Action::Escape);
    EXPECT_EQ(parser.sequence().intermediate, '(');
    EXPECT_EQ(parser.sequence().final, '0');
    EXPECT_EQ(feed(parser, "\x1b" "7").back(), Action::Escape);
    EXPECT_EQ(parser.sequence().intermediate, 0);
    EXPECT_EQ(parser.sequence().final, '7');
}

TEST(EscapeParser, MalformedSequencesAreReadToTheirEndAndDropped)
{
    EscapeParser parser;
    std::vector<Action> actions = feed(parser, "\x1b[1?2hx");
    std::vector<Action> expected(6, Action::None);
    expected.push_back(Action::Text);
    EXPECT_EQ(actions, expected);
    actions = feed(parser, "\x1b[1 2qx"); // a digit after an intermediate
    EXPECT_EQ(actions.back(), Action::Text);
    EXPECT_EQ(actions[actions.size() - 2], Action::None);
}

TEST(EscapeParser, ControlCharactersInsideASequenceAreExecuted)
{
    EscapeParser parser;
    std::vector<Action> actions = feed(parser, "\x1b[1\n2A");
    EXPECT_EQ(actions[3], Action::Execute);
    EXPECT_EQ(actions.back(), Action::Csi);
    EXPECT_EQ(parser.sequence().params[0], 12);
}

TEST(EscapeParser, CancelEscapeAndHighBytesEndASequence)
{
    EscapeParser parser;
    EXPECT_EQ(feed(parser, "\x1b[12\x18").back(), Action::None);
    EXPECT_TRUE(parser.idle());
    EXPECT_EQ(feed(parser, "\x1b[12\x1b[3B").back(), Action::Csi); // ESC starts over
    EXPECT_EQ(parser.sequence().params[0], 3);
    EXPECT_EQ(parser.sequence().count, 1);
    EXPECT_EQ(feed(parser, "\x1b[1\xC3").back(), Action::Text);
    EXPECT_TRUE(parser.idle());
    EXPECT_EQ(feed(parser, "x").back(), Action::Text);
}

TEST(EscapeParser, StringsAreSwallowedUpToTheirTerminator)
{
    EscapeParser parser;
    std::vector<Action> actions = feed(parser, "\x1b]0;t\xC3\xA9tle\ax");
    EXPECT_EQ(actions.back(), Action::Text);
    for (size_t index = 0; index + 1 < actions.size(); ++index)
        EXPECT_EQ(actions[index], Action::None);
    EXPECT_EQ(feed(parser, "\x1b]2;title\x1b\\x").back(), Action::Text);
    EXPECT_EQ(feed(parser, "\x1bPdevice\x1b\\x").back(), Action::Text);
    EXPECT_EQ(feed(parser, "\x1b]P0a0b0c0x").back(), Action::Text); // Linux's palette
    EXPECT_EQ(feed(parser, "\x1b]Rx").back(), Action::Text);
    // ESC inside a string followed by something else is a new sequence.
    EXPECT_EQ(feed(parser, "\x1b]0;t\x1b[2J").back(), Action::Csi);
    EXPECT_EQ(parser.sequence().final, 'J');
}

TEST(EscapeParser, ASequenceMaySpanFeeds)
{
    EscapeParser parser;
    feed(parser, "\x1b");
    EXPECT_FALSE(parser.idle());
    feed(parser, "[3");
    EXPECT_EQ(feed(parser, "1;4").back(), Action::None);
    EXPECT_EQ(feed(parser, "4m").back(), Action::Csi);
    EXPECT_EQ(parser.sequence().params[0], 31);
    EXPECT_EQ(parser.sequence().params[1], 44);
}
