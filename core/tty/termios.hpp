// termios: a terminal's settings, in the layout and with the numbers of Linux's x86_64 ABI.
//
// Termios is the kernel's `struct termios` that the TCGETS/TCSETS* ioctls copy to and from
// user memory (36 bytes: four flag words, the line discipline number, 19 control
// characters; glibc's and musl's bigger user-side struct is converted by the C library).
// The flag values below are Linux's (asm-generic/termbits.h); flags Keel does not act on
// (parity, baud rates, delays) are still kept and given back, as programs set and restore
// whole structures. A control character set to 0 (_POSIX_VDISABLE) is switched off.
// default_termios() is Linux's tty_std_termios, what a newly opened terminal starts with.
// WindowSize is `struct winsize` (TIOCGWINSZ/TIOCSWINSZ); the ioctl numbers are here too
// so that the devices that wire a LineDiscipline to files all use the same ones.
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace tty {

inline constexpr size_t CONTROL_CHARACTER_COUNT = 19; // NCCS

struct Termios {
    uint32_t input_flags = 0; // c_iflag
    uint32_t output_flags = 0; // c_oflag
    uint32_t control_flags = 0; // c_cflag
    uint32_t local_flags = 0; // c_lflag
    uint8_t line = 0; // c_line: the line discipline, always 0 (N_TTY)
    uint8_t control_characters[CONTROL_CHARACTER_COUNT] = {}; // c_cc

    bool operator==(const Termios&) const = default;
};
static_assert(sizeof(Termios) == 36, "Linux's kernel struct termios is 36 bytes");
static_assert(offsetof(Termios, line) == 16 && offsetof(Termios, control_characters) == 17);

struct WindowSize {
    uint16_t rows = 0; // ws_row
    uint16_t columns = 0; // ws_col
    uint16_t x_pixels = 0; // ws_xpixel
    uint16_t y_pixels = 0; // ws_ypixel

    bool operator==(const WindowSize&) const = default;
};
static_assert(sizeof(WindowSize) == 8);

// Indexes into Termios::control_characters (c_cc).
namespace cc {
inline constexpr size_t VINTR = 0, VQUIT = 1, VERASE = 2, VKILL = 3, VEOF = 4, VTIME = 5, VMIN = 6,
                        VSWTC = 7, VSTART = 8, VSTOP = 9, VSUSP = 10, VEOL = 11, VREPRINT = 12,
                        VDISCARD = 13, VWERASE = 14, VLNEXT = 15, VEOL2 = 16;
// _POSIX_VDISABLE: a control character with this value never matches.
inline constexpr uint8_t DISABLED = 0;
} // namespace cc

// c_iflag. Acted on: ISTRIP INLCR IGNCR ICRNL IXON IXANY IUTF8 (erasing whole characters).
namespace iflag {
inline constexpr uint32_t IGNBRK = 01, BRKINT = 02, IGNPAR = 04, PARMRK = 010, INPCK = 020,
                          ISTRIP = 040, INLCR = 0100, IGNCR = 0200, ICRNL = 0400, IUCLC = 01000,
                          IXON = 02000, IXANY = 04000, IXOFF = 010000, IMAXBEL = 020000,
                          IUTF8 = 040000;
} // namespace iflag

// c_oflag. Acted on: OPOST ONLCR OCRNL ONOCR ONLRET and TABDLY == XTABS (tabs to spaces).
namespace oflag {
inline constexpr uint32_t OPOST = 01, OLCUC = 02, ONLCR = 04, OCRNL = 010, ONOCR = 020, ONLRET = 040,
                          OFILL = 0100, OFDEL = 0200, TABDLY = 014000, XTABS = 014000;
} // namespace oflag

// c_cflag: kept, not acted on.
namespace cflag {
inline constexpr uint32_t CBAUD = 010017, B9600 = 015, B38400 = 017, CSIZE = 060, CS8 = 060,
                          CSTOPB = 0100, CREAD = 0200, PARENB = 0400, PARODD = 01000, HUPCL = 02000,
                          CLOCAL = 04000;
} // namespace cflag

// c_lflag. Acted on: ISIG ICANON ECHO ECHOE ECHOK ECHONL NOFLSH ECHOCTL ECHOKE IEXTEN.
// (TOSTOP is the owner's business: it decides who may write.)
namespace lflag {
inline constexpr uint32_t ISIG = 01, ICANON = 02, XCASE = 04, ECHO = 010, ECHOE = 020, ECHOK = 040,
                          ECHONL = 0100, NOFLSH = 0200, TOSTOP = 0400, ECHOCTL = 01000,
                          ECHOPRT = 02000, ECHOKE = 04000, FLUSHO = 010000, PENDIN = 040000,
                          IEXTEN = 0100000, EXTPROC = 0200000;
} // namespace lflag

// The ioctl request numbers of terminals (Linux x86_64).
namespace ioctl {
inline constexpr unsigned long TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404,
                               TCXONC = 0x540A, TCFLSH = 0x540B, TIOCSCTTY = 0x540E,
                               TIOCGPGRP = 0x540F, TIOCSPGRP = 0x5410, TIOCOUTQ = 0x5411,
                               TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414, FIONREAD = 0x541B,
                               TIOCNOTTY = 0x5422, TIOCGSID = 0x5429;
// TCXONC's and TCFLSH's arguments.
inline constexpr int TCOOFF = 0, TCOON = 1, TCIOFF = 2, TCION = 3;
inline constexpr int TCIFLUSH = 0, TCOFLUSH = 1, TCIOFLUSH = 2;
} // namespace ioctl

// Linux's tty_std_termios: canonical input with echo and signals, "\n" out as "\r\n".
constexpr Termios default_termios()
{
    Termios termios;
    termios.input_flags = iflag::ICRNL | iflag::IXON;
    termios.output_flags = oflag::OPOST | oflag::ONLCR;
    termios.control_flags = cflag::B38400 | cflag::CS8 | cflag::CREAD | cflag::HUPCL;
    termios.local_flags = lflag::ISIG | lflag::ICANON | lflag::ECHO | lflag::ECHOE | lflag::ECHOK
        | lflag::ECHOCTL | lflag::ECHOKE | lflag::IEXTEN;
    uint8_t* c = termios.control_characters;
    c[cc::VINTR] = 0x03; // ^C
    c[cc::VQUIT] = 0x1c; // ^backslash
    c[cc::VERASE] = 0x7f; // DEL
    c[cc::VKILL] = 0x15; // ^U
    c[cc::VEOF] = 0x04; // ^D
    c[cc::VTIME] = 0;
    c[cc::VMIN] = 1;
    c[cc::VSTART] = 0x11; // ^Q
    c[cc::VSTOP] = 0x13; // ^S
    c[cc::VSUSP] = 0x1a; // ^Z
    c[cc::VREPRINT] = 0x12; // ^R
    c[cc::VDISCARD] = 0x0f; // ^O
    c[cc::VWERASE] = 0x17; // ^W
    c[cc::VLNEXT] = 0x16; // ^V
    return termios;
}

} // namespace tty
