// The host's terminal constants for tty_termios_test.cpp, from the Linux UAPI headers.
#include "tty_termios_host_values.hpp"

#include <asm/ioctls.h>
#include <asm/termbits.h>
#include <asm-generic/termios.h> // struct winsize

const HostTermiosValues& host_termios_values()
{
    static const HostTermiosValues values = {
        sizeof(struct termios), offsetof(struct termios, c_oflag), offsetof(struct termios, c_lflag),
        offsetof(struct termios, c_line), offsetof(struct termios, c_cc), NCCS, sizeof(struct winsize),
        offsetof(struct winsize, ws_col),
        { VINTR, VQUIT, VERASE, VKILL, VEOF, VTIME, VMIN, VSWTC, VSTART, VSTOP, VSUSP, VEOL, VREPRINT, VDISCARD, VWERASE, VLNEXT, VEOL2 },
        { IGNBRK, BRKINT, IGNPAR, PARMRK, INPCK, ISTRIP, INLCR, IGNCR, ICRNL, IUCLC, IXON, IXANY, IXOFF, IMAXBEL, IUTF8 },
        { OPOST, OLCUC, ONLCR, OCRNL, ONOCR, ONLRET, OFILL, OFDEL, TABDLY, XTABS },
        { CBAUD, B9600, B38400, CSIZE, CS8, CSTOPB, CREAD, PARENB, PARODD, HUPCL, CLOCAL },
        { ISIG, ICANON, XCASE, ECHO, ECHOE, ECHOK, ECHONL, NOFLSH, TOSTOP, ECHOCTL, ECHOPRT, ECHOKE, FLUSHO, PENDIN, IEXTEN, EXTPROC },
        { TCGETS, TCSETS, TCSETSW, TCSETSF, TCXONC, TCFLSH, TIOCSCTTY, TIOCGPGRP, TIOCSPGRP, TIOCOUTQ, TIOCGWINSZ, TIOCSWINSZ, FIONREAD, TIOCNOTTY, TIOCGSID },
        { TCOOFF, TCOON, TCIOFF, TCION, TCIFLUSH, TCOFLUSH, TCIOFLUSH },
    };
    return values;
}
