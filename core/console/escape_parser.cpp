// EscapeParser: the state machine (see escape_parser.hpp).
#include <console/escape_parser.hpp>

namespace console {

namespace {
constexpr uint8_t ESC = 0x1B;
constexpr uint8_t BEL = 0x07;
constexpr uint8_t CAN = 0x18;
constexpr uint8_t SUB = 0x1A;
constexpr uint8_t DEL = 0x7F;
constexpr uint8_t PALETTE_DIGITS = 7; // ESC ] P nrrggbb

bool is_intermediate(uint8_t byte) { return byte >= 0x20 && byte <= 0x2F; }
bool is_csi_final(uint8_t byte) { return byte >= 0x40 && byte <= 0x7E; }
} // namespace

void EscapeParser::begin(State state)
{
    m_state = state;
    m_sequence = {};
    m_in_param = false;
}

EscapeParser::Action EscapeParser::finish(Action action, uint8_t final)
{
    m_sequence.final = static_cast<char>(final);
    if (m_sequence.count > EscapeSequence::MAX_PARAMS)
        m_sequence.count = EscapeSequence::MAX_PARAMS;
    m_state = State::Ground;
    return action;
}

EscapeParser::Action EscapeParser::feed(uint8_t byte)
{
    if (byte == ESC) {
        if (m_state == State::String)
            m_state = State::StringEscape; // perhaps ST, ESC backslash
        else
            begin(State::Escape);
        return Action::None;
    }
    if (m_state == State::Ground)
        return Action::Text;
    if (byte == CAN || byte == SUB) {
        m_state = State::Ground;
        return Action::None;
    }
    if (m_state == State::String) {
        if (byte == BEL)
            m_state = State::Ground; // xterm ends an OSC with BEL as well as with ST
        return Action::None;         // the string's text, UTF-8 included, is dropped
    }
    if (m_state == State::StringEscape) {
        if (byte == '\\') {
            m_state = State::Ground;
            return Action::None;
        }
        begin(State::Escape); // ESC and something else: a new sequence, in the string's place
        return feed(byte);
    }
    if (byte >= 0x80) {
        m_state = State::Ground;
        return Action::Text;
    }
    if (byte < 0x20)
        return Action::Execute;
    if (byte == DEL)
        return Action::None;

    switch (m_state) {
    case State::Escape:
        if (byte == '[') {
            begin(State::CsiParam);
        } else if (byte == ']') {
            m_state = State::OscStart;
        } else if (byte == 'P' || byte == 'X' || byte == '^' || byte == '_') {
            m_state = State::String;
        } else if (is_intermediate(byte)) {
            m_sequence.intermediate = static_cast<char>(byte);
            m_state = State::EscapeIntermediate;
        } else {
            return finish(Action::Escape, byte);
        }
        return Action::None;
    case State::EscapeIntermediate:
        if (is_intermediate(byte))
            return Action::None; // only the first one is kept
        return finish(Action::Escape, byte);
    case State::OscStart:
        if (byte == 'P') {
            m_palette_left = PALETTE_DIGITS;
            m_state = State::Palette;
        } else if (byte == 'R') {
            m_state = State::Ground; // reset the palette: nothing to do
        } else {
            m_state = State::String;
        }
        return Action::None;
    case State::Palette:
        if (--m_palette_left == 0)
            m_state = State::Ground;
        return Action::None;
    case State::CsiParam:
    case State::CsiIntermediate:
    case State::CsiIgnore:
        return feed_csi(byte);
    default:
        m_state = State::Ground;
        return Action::Text;
    }
}

EscapeParser::Action EscapeParser::feed_csi(uint8_t byte)
{
    EscapeSequence& sequence = m_sequence;
    if (is_csi_final(byte)) {
        if (m_state == State::CsiIgnore) {
            m_state = State::Ground;
            return Action::None;
        }
        return finish(Action::Csi, byte);
    }
    if (m_state == State::CsiIgnore)
        return Action::None;
    if (is_intermediate(byte)) {
        if (sequence.intermediate == 0)
            sequence.intermediate = static_cast<char>(byte);
        m_state = State::CsiIntermediate;
        return Action::None;
    }
    // 0x30-0x3F: digits, separators, markers. None may follow an intermediate.
    if (m_state == State::CsiIntermediate) {
        m_state = State::CsiIgnore;
        return Action::None;
    }
    if (byte >= '<') { // < = > ?
        if (m_in_param || sequence.marker != 0)
            m_state = State::CsiIgnore;
        else
            sequence.marker = static_cast<char>(byte);
        return Action::None;
    }
    if (!m_in_param) {
        m_in_param = true;
        sequence.count = 1;
    }
    if (byte == ';' || byte == ':') {
        if (sequence.count < EscapeSequence::MAX_PARAMS)
            sequence.params[sequence.count] = 0;
        if (sequence.count <= EscapeSequence::MAX_PARAMS)
            ++sequence.count; // one past MAX_PARAMS marks the rest as dropped
        return Action::None;
    }
    unsigned index = sequence.count - 1u;
    if (index >= EscapeSequence::MAX_PARAMS)
        return Action::None;
    unsigned value = sequence.params[index] * 10u + (byte - '0');
    sequence.params[index] = static_cast<uint16_t>(
        value < EscapeSequence::MAX_PARAM ? value : EscapeSequence::MAX_PARAM);
    return Action::None;
}

} // namespace console
