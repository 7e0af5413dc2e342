// EscapeParser: splits the escape sequences of VT100/ANSI (ECMA-48) out of a byte stream.
//
// The console feeds it every byte while a sequence is open, and ESC to open one. It is a
// state machine, so a sequence may arrive split across writes. It recognises:
// - ESC [intermediates 0x20-0x2F] final 0x30-0x7E   (ESC 7, ESC M, ESC ( 0, ESC # 8)
// - CSI = ESC [, then an optional private marker (one of < = > ?, first only), numeric
//   parameters separated by ';' (or ':'), intermediates, and a final byte 0x40-0x7E
// - strings it swallows whole: OSC (ESC ]) up to BEL or ST (ESC \), DCS, SOS, PM, APC
//   (ESC P, X, ^, _) up to ST, and Linux's palette sequences ESC ] P nrrggbb and ESC ] R.
// Robustness, as on Linux's console: a parameter saturates at MAX_PARAM, parameters past
// MAX_PARAMS are dropped, a malformed CSI (a marker after digits, a digit after an
// intermediate) is read to its final byte and then ignored, CAN and SUB abort a sequence,
// ESC starts a new one, and a byte of 0x80 or more ends it and is text again. C0 control
// characters inside a sequence are carried out as if they came before it (Execute).
#pragma once
#include <stdint.h>

namespace console {

struct EscapeSequence {
    static constexpr unsigned MAX_PARAMS = 16;
    static constexpr uint16_t MAX_PARAM = 9999;

    char final = 0;
    char intermediate = 0; // the first intermediate byte, 0 if none
    char marker = 0;       // CSI's private marker ('?' in CSI ?25h), 0 if none
    uint8_t count = 0;     // parameters given (CSI ;5H has two, the first empty)
    uint16_t params[MAX_PARAMS] = {};

    // Parameter `index`, or `fallback` when it is missing or 0 (CSI 0A moves one row, as
    // CSI A does). With fallback 0 this is the parameter as given, missing ones as 0.
    uint16_t param(unsigned index, uint16_t fallback) const
    {
        uint16_t value = index < count ? params[index] : 0;
        return value == 0 ? fallback : value;
    }
};

class EscapeParser final {
public:
    enum class Action : uint8_t {
        None,    // consumed: a sequence is under way, or one was dropped
        Execute, // a C0 control character inside a sequence: carry it out as usual
        Escape,  // an ESC sequence is complete: sequence()
        Csi,     // a control sequence is complete: sequence()
        Text,    // not part of a sequence: the byte is text (or a control character)
    };

    Action feed(uint8_t byte);
    // True while no sequence is open: then only ESC needs to be fed.
    bool idle() const { return m_state == State::Ground; }
    const EscapeSequence& sequence() const { return m_sequence; }
    void reset() { m_state = State::Ground; }

private:
    enum class State : uint8_t {
        Ground,
        Escape,
        EscapeIntermediate,
        CsiParam,
        CsiIntermediate,
        CsiIgnore,
        OscStart,
        String,
        StringEscape,
        Palette,
    };

    void begin(State state);
    Action feed_csi(uint8_t byte);
    Action finish(Action action, uint8_t final);

    State m_state = State::Ground;
    uint8_t m_palette_left = 0;
    bool m_in_param = false; // a parameter has started (digits or a ';')
    EscapeSequence m_sequence;
};

} // namespace console
