#!/usr/bin/env python3
"""Runs the line discipline cases (tty_host_cases.txt) on a Linux pseudo-terminal: the peer
that Keel's LineDiscipline is compared with (tty_host_differential_test.cpp replays the same
cases on Keel and checks them against tty_host_expected.txt).

    tty_host_peer.py --generate   writes tty_host_expected.txt from this host's kernel
    tty_host_peer.py --check      fails if this host's kernel no longer gives the expected file

Each case starts from Linux's tty_std_termios (set explicitly: a new pty's differ a little).
Bytes written to the master reach the slave's line discipline through a work queue, so after
each step the script waits until the echo and the slave's FIONREAD have been still for a
while. The slave is nobody's controlling terminal, so VINTR and friends signal no one, but
they still echo and flush as on any terminal.
"""
import array
import errno
import fcntl
import os
import pty
import sys
import termios
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "tty_host_cases.txt")
EXPECTED = os.path.join(HERE, "tty_host_expected.txt")

MISSING_IN_PYTHON = {"IUTF8": 0o40000, "EXTPROC": 0o200000}  # Linux's values
FLAGS = {}  # name -> (index into tcgetattr's list, bit)
for index, names in ((0, "IGNBRK BRKINT IGNPAR PARMRK INPCK ISTRIP INLCR IGNCR ICRNL IUCLC IXON IXANY IXOFF IMAXBEL IUTF8"),
                     (1, "OPOST OLCUC ONLCR OCRNL ONOCR ONLRET OFILL OFDEL XTABS"),
                     (3, "ISIG ICANON XCASE ECHO ECHOE ECHOK ECHONL NOFLSH TOSTOP ECHOCTL ECHOPRT ECHOKE FLUSHO PENDIN IEXTEN EXTPROC")):
    for name in names.split():
        FLAGS[name] = (index, getattr(termios, name, None) or MISSING_IN_PYTHON[name])

# tty_std_termios
DEFAULT_FLAGS = [termios.ICRNL | termios.IXON, termios.OPOST | termios.ONLCR,
                 termios.B38400 | termios.CS8 | termios.CREAD | termios.HUPCL,
                 termios.ISIG | termios.ICANON | termios.ECHO | termios.ECHOE | termios.ECHOK |
                 termios.ECHOCTL | termios.ECHOKE | termios.IEXTEN]
DEFAULT_CC = {"VINTR": 3, "VQUIT": 28, "VERASE": 127, "VKILL": 21, "VEOF": 4, "VTIME": 0, "VMIN": 1,
              "VSWTC": 0, "VSTART": 17, "VSTOP": 19, "VSUSP": 26, "VEOL": 0, "VREPRINT": 18,
              "VDISCARD": 15, "VWERASE": 23, "VLNEXT": 22, "VEOL2": 0}


def unescape(text):
    out = bytearray()
    index = 0
    while index < len(text):
        char = text[index]
        if char != "\\":
            out += char.encode("latin-1")
            index += 1
            continue
        code = text[index + 1]
        if code == "x":
            out.append(int(text[index + 2:index + 4], 16))
            index += 4
            continue
        out.append({"r": 13, "n": 10, "t": 9, "b": 8, "\\": 92}[code])
        index += 2
    return bytes(out)


def escape(data):
    out = []
    for byte in data:
        if byte == 92:
            out.append("\\\\")
        elif 32 <= byte < 127:
            out.append(chr(byte))
        else:
            out.append({13: "\\r", 10: "\\n", 9: "\\t", 8: "\\b"}.get(byte, "\\x%02x" % byte))
    return "".join(out)


def parse_cases():
    cases = []
    with open(CASES, encoding="latin-1") as file:
        for line in file:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            command, _, argument = line.partition(" ")
            if command == "case":
                cases.append((argument, []))
            else:
                cases[-1][1].append((command, argument))
    return cases


def apply_settings(attributes, tokens):
    for token in tokens.split():
        if token[0] in "+-":
            index, bit = FLAGS[token[1:]]
            attributes[index] = attributes[index] | bit if token[0] == "+" else attributes[index] & ~bit
        else:
            name, _, value = token.partition("=")
            attributes[6][getattr(termios, name)] = bytes([int(value, 0)])


class Pty:
    def __init__(self):
        self.master, self.slave = pty.openpty()
        for fd in (self.master, self.slave):
            fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_NONBLOCK)
        attributes = termios.tcgetattr(self.slave)
        attributes[0:4] = DEFAULT_FLAGS
        cc = [b"\0"] * len(attributes[6])
        for name, value in DEFAULT_CC.items():
            cc[getattr(termios, name)] = bytes([value])
        attributes[6] = cc
        termios.tcsetattr(self.slave, termios.TCSANOW, attributes)
        self.shown = bytearray()

    def close(self):
        os.close(self.slave)
        os.close(self.master)

    def pending(self):
        count = array.array("i", [0])
        fcntl.ioctl(self.slave, termios.FIONREAD, count)
        return count[0]

    def settle(self):
        """Waits until the line discipline has taken what was written: nothing changes for
        200 ms, long enough for the kernel's work queue on a loaded two-core machine."""
        still = 0
        last = None
        deadline = time.monotonic() + 20
        while still < 20 and time.monotonic() < deadline:
            time.sleep(0.01)
            try:
                chunk = os.read(self.master, 65536)
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EIO):
                    raise
                chunk = b""
            self.shown += chunk
            state = (len(self.shown), self.pending())
            still = still + 1 if (state == last and not chunk) else 0
            last = state

    def run(self, steps):
        results = []
        for command, argument in steps:
            if command in ("set", "setf"):
                attributes = termios.tcgetattr(self.slave)
                apply_settings(attributes, argument)
                termios.tcsetattr(self.slave, termios.TCSAFLUSH if command == "setf" else termios.TCSANOW, attributes)
            elif command.startswith("in"):
                repeat = int(command[3:]) if command.startswith("in*") else 1
                data = unescape(argument) * repeat
                for start in range(0, len(data), 512):  # the master takes a pty's worth at a time
                    os.write(self.master, data[start:start + 512])
                    self.settle()
            elif command == "write":
                try:
                    results.append("wrote %d" % os.write(self.slave, unescape(argument)))
                except BlockingIOError:
                    results.append("wrote EAGAIN")
            elif command == "read":
                try:
                    results.append("read " + escape(os.read(self.slave, int(argument))))
                except BlockingIOError:
                    results.append("read EAGAIN")
            elif command == "count":
                results.append("count %d" % self.pending())
            else:
                raise ValueError("unknown step " + command)
            self.settle()
        results.append("shown " + escape(bytes(self.shown)))
        return results


def host_results():
    lines = []
    for name, steps in parse_cases():
        terminal = Pty()
        try:
            lines.append("case " + name)
            lines += terminal.run(steps)
            lines.append("")
        finally:
            terminal.close()
    return "\n".join(lines)


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "--check"
    results = host_results()
    if mode == "--generate":
        with open(EXPECTED, "w", encoding="latin-1") as file:
            file.write("# Generated by tty_host_peer.py --generate on Linux %s: what a pseudo-terminal gives.\n" % os.uname().release)
            file.write(results)
        return 0
    with open(EXPECTED, encoding="latin-1") as file:
        expected = "\n".join(line for line in file.read().split("\n") if not line.startswith("#"))
    if expected == results:
        print("the host's pseudo-terminal gives tty_host_expected.txt")
        return 0
    for want, got in zip(expected.split("\n"), results.split("\n")):
        if want != got:
            print("expected: " + want + "\nhost:     " + got)
    return 1


if __name__ == "__main__":
    sys.exit(main())
