#!/usr/bin/env python3
"""Records what a full-screen program writes to an 80x25 terminal with TERM=linux.

    record.py OUTPUT.bin -- COMMAND...  (keys come from RECORD_KEYS, see below)

The program runs in a pseudo-terminal of 25 rows and 80 columns; its output is saved as
it came. RECORD_KEYS lists what to type, separated by '|': each piece is sent after a
pause, and a piece "@" instead marks the place in the output (a line "@@@@" would be
text, so marks go to OUTPUT.bin.marks, one byte offset a line) where the test checks the
screen. The recordings in this folder were made with Debian's busybox-static 1.35.0
(vi, less, top, watch) and are replayed by console_recording_test.cpp into a Console.
top.bin had its process list (the host's) replaced by neutral lines of the same form.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time


def drain(fd: int, out: bytearray, seconds: float) -> bool:
    """Reads for `seconds`; False once the program has gone."""
    end = time.time() + seconds
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], max(0.0, end - time.time()))
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return False
        if not chunk:
            return False
        out += chunk
    return True


def main() -> None:
    output = sys.argv[1]
    command = sys.argv[sys.argv.index("--") + 1:]
    keys = os.environ.get("RECORD_KEYS", "").split("|")
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "linux"
        os.environ["LINES"] = "25"
        os.environ["COLUMNS"] = "80"
        os.execvp(command[0], command)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 25, 80, 0, 0))
    data = bytearray()
    marks = []
    drain(fd, data, 1.5)
    for key in keys:
        if key == "@":
            marks.append(len(data))
            continue
        if key:
            os.write(fd, key.encode().decode("unicode_escape").encode("latin-1"))
        drain(fd, data, 0.8)
    drain(fd, data, 1.0)
    try:
        os.kill(pid, 9)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    with open(output, "wb") as file:
        file.write(bytes(data))
    with open(output + ".marks", "w") as file:
        file.write("".join(f"{mark}\n" for mark in marks))


if __name__ == "__main__":
    main()
