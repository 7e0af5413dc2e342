// termios.hpp against the host's Linux headers (asm/termbits.h and asm/ioctls.h, read in
// tty_termios_host_values.cpp, as their macros have the same names): the kernel struct termios layout, every flag, control character index and ioctl number, and the
// defaults of a new terminal (Linux's tty_std_termios).
#include "tty_termios_host_values.hpp"

#include <gtest/gtest.h>
#include <stddef.h>
#include <tty/termios.hpp>

namespace {

using namespace tty;

TEST(TtyTermios, LayoutIsLinuxs)
{
    const HostTermiosValues& host = host_termios_values();
    EXPECT_EQ(sizeof(Termios), host.termios_size);
    EXPECT_EQ(offsetof(Termios, output_flags), host.output_flags_offset);
    EXPECT_EQ(offsetof(Termios, local_flags), host.local_flags_offset);
    EXPECT_EQ(offsetof(Termios, line), host.line_offset);
    EXPECT_EQ(offsetof(Termios, control_characters), host.control_characters_offset);
    EXPECT_EQ(CONTROL_CHARACTER_COUNT, host.control_character_count);
    EXPECT_EQ(sizeof(WindowSize), host.winsize_size);
    EXPECT_EQ(offsetof(WindowSize, columns), host.columns_offset);
}

TEST(TtyTermios, ConstantsAreLinuxs)
{
    size_t indexes[] = { cc::VINTR, cc::VQUIT, cc::VERASE, cc::VKILL, cc::VEOF, cc::VTIME, cc::VMIN, cc::VSWTC,
        cc::VSTART, cc::VSTOP, cc::VSUSP, cc::VEOL, cc::VREPRINT, cc::VDISCARD, cc::VWERASE, cc::VLNEXT, cc::VEOL2 };
    for (size_t index = 0; index < sizeof(indexes) / sizeof(indexes[0]); ++index)
        EXPECT_EQ(indexes[index], host_termios_values().control_characters[index]) << "c_cc index #" << index;

    uint32_t input[] = { iflag::IGNBRK, iflag::BRKINT, iflag::IGNPAR, iflag::PARMRK, iflag::INPCK,
        iflag::ISTRIP, iflag::INLCR, iflag::IGNCR, iflag::ICRNL, iflag::IUCLC, iflag::IXON, iflag::IXANY,
        iflag::IXOFF, iflag::IMAXBEL, iflag::IUTF8 };
    const uint32_t* host_input = host_termios_values().input;
    for (size_t index = 0; index < sizeof(input) / sizeof(input[0]); ++index)
        EXPECT_EQ(input[index], host_input[index]) << "c_iflag #" << index;

    uint32_t output[] = { oflag::OPOST, oflag::OLCUC, oflag::ONLCR, oflag::OCRNL, oflag::ONOCR, oflag::ONLRET,
        oflag::OFILL, oflag::OFDEL, oflag::TABDLY, oflag::XTABS };
    const uint32_t* host_output = host_termios_values().output;
    for (size_t index = 0; index < sizeof(output) / sizeof(output[0]); ++index)
        EXPECT_EQ(output[index], host_output[index]) << "c_oflag #" << index;

    uint32_t control[] = { cflag::CBAUD, cflag::B9600, cflag::B38400, cflag::CSIZE, cflag::CS8, cflag::CSTOPB,
        cflag::CREAD, cflag::PARENB, cflag::PARODD, cflag::HUPCL, cflag::CLOCAL };
    const uint32_t* host_control = host_termios_values().control;
    for (size_t index = 0; index < sizeof(control) / sizeof(control[0]); ++index)
        EXPECT_EQ(control[index], host_control[index]) << "c_cflag #" << index;

    uint32_t local[] = { lflag::ISIG, lflag::ICANON, lflag::XCASE, lflag::ECHO, lflag::ECHOE, lflag::ECHOK,
        lflag::ECHONL, lflag::NOFLSH, lflag::TOSTOP, lflag::ECHOCTL, lflag::ECHOPRT, lflag::ECHOKE,
        lflag::FLUSHO, lflag::PENDIN, lflag::IEXTEN, lflag::EXTPROC };
    const uint32_t* host_local = host_termios_values().local;
    for (size_t index = 0; index < sizeof(local) / sizeof(local[0]); ++index)
        EXPECT_EQ(local[index], host_local[index]) << "c_lflag #" << index;

    unsigned long requests[] = { ioctl::TCGETS, ioctl::TCSETS, ioctl::TCSETSW, ioctl::TCSETSF, ioctl::TCXONC,
        ioctl::TCFLSH, ioctl::TIOCSCTTY, ioctl::TIOCGPGRP, ioctl::TIOCSPGRP, ioctl::TIOCOUTQ, ioctl::TIOCGWINSZ,
        ioctl::TIOCSWINSZ, ioctl::FIONREAD, ioctl::TIOCNOTTY, ioctl::TIOCGSID };
    const unsigned long* host_requests = host_termios_values().requests;
    for (size_t index = 0; index < sizeof(requests) / sizeof(requests[0]); ++index)
        EXPECT_EQ(requests[index], host_requests[index]) << "ioctl #" << index;
    int arguments[] = { ioctl::TCOOFF, ioctl::TCOON, ioctl::TCIOFF, ioctl::TCION, ioctl::TCIFLUSH, ioctl::TCOFLUSH,
        ioctl::TCIOFLUSH };
    for (size_t index = 0; index < sizeof(arguments) / sizeof(arguments[0]); ++index)
        EXPECT_EQ(arguments[index], host_termios_values().arguments[index]) << "ioctl argument #" << index;
}

TEST(TtyTermios, DefaultsAreTtyStdTermios)
{
    Termios termios = default_termios();
    EXPECT_EQ(termios.input_flags, 0x500u);
    EXPECT_EQ(termios.output_flags, 0x5u);
    EXPECT_EQ(termios.control_flags, 0x4bfu);
    EXPECT_EQ(termios.local_flags, 0x8a3bu);
    const uint8_t expected[CONTROL_CHARACTER_COUNT] = { 3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0 };
    for (size_t index = 0; index < CONTROL_CHARACTER_COUNT; ++index)
        EXPECT_EQ(termios.control_characters[index], expected[index]) << "c_cc[" << index << "]";
}

} // namespace
