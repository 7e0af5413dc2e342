"""Shared helpers for Keel's end-to-end tests: drive a machine like a person would.

Qemu boots the real ISO with its monitor and serial line on Unix sockets: keys are typed
with the monitor's `sendkey` (the emulated PS/2 keyboard, so the kernel's real IRQ 1 path
runs), the screen is read from VGA text memory with `pmemsave`, and the serial line is read
(and written) directly. Output checks strip ANSI colour sequences first. The sim runs with
the initial RAM disk the build packs next to it (sim_command), as the ISO carries it.
read_png reads the screenshots keel-sim saves, with zlib and struct alone: a decoder that
owes nothing to the simulator's encoder.
"""
import contextlib
import os
import re
import select
import socket
import struct
import subprocess
import sys
import tempfile
import time
import zlib

ANSI = re.compile(rb"\x1b\[[0-9;]*[A-Za-z]")
PROMPT = b"keel> "


CONSOLE_COLUMNS = 80
IUTF8 = 0o40000  # Linux's c_iflag bit, which Python's termios module does not name


def console_lines(text: str) -> list:
    """The physical lines the console shows for `text`: each line cut into pieces of
    CONSOLE_COLUMNS characters, as the console wraps them (and the serial line mirrors)."""
    lines = []
    for line in text.split("\n"):
        while len(line) > CONSOLE_COLUMNS:
            lines.append(line[:CONSOLE_COLUMNS])
            line = line[CONSOLE_COLUMNS:]
        lines.append(line)
    return lines


def run_on_terminal(command: list, timeout: float, controlling: bool = False, **popen_options) -> tuple:
    """Runs `command` on this host with stdin, stdout and stderr on a new pseudo-terminal
    of 80x25 with the console's settings (IUTF8, HUPCL), as a program the kernel shell
    starts has the console:
    (exit status, the bytes it printed, with the terminal's "\r\n" as "\n"). With
    `controlling`, the program leads a session whose controlling terminal that is, so its
    process group is the terminal's foreground, as the console's is for Keel's programs."""
    import fcntl
    import pty
    import termios
    master, slave = pty.openpty()
    set_terminal_size(slave, 25, CONSOLE_COLUMNS)
    settings = termios.tcgetattr(slave)
    settings[0] |= IUTF8  # the console's terminal is a UTF-8 one
    settings[2] |= termios.HUPCL  # and a hardware one, which a pseudo-terminal is not
    termios.tcsetattr(slave, termios.TCSANOW, settings)
    if controlling:
        popen_options.update(start_new_session=True,
                             preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, **popen_options)
    os.close(slave)
    output, deadline = bytearray(), time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if not select.select([master], [], [], deadline - time.monotonic())[0]:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: every descriptor of the terminal has closed
                break
            if not chunk:
                break
            output += chunk
        status = process.wait(max(deadline - time.monotonic(), 1))
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
    return status, bytes(output).replace(b"\r\n", b"\n")


def set_terminal_size(descriptor: int, rows: int, columns: int) -> None:
    """Sets the window size of the pseudo-terminal `descriptor` is one end of."""
    import fcntl
    import termios
    fcntl.ioctl(descriptor, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


@contextlib.contextmanager
def started_on_terminal(command: list, rows: int = 25, columns: int = CONSOLE_COLUMNS):
    """Starts `command` with stdin on a new pseudo-terminal of `rows` x `columns`, which is
    its controlling terminal (so the host's SIGWINCH reaches it), and stdout on a pipe; gives
    (the process, the terminal's master descriptor, a ProcessOutput of its stdout), and at
    the end kills the process if it still runs and closes the terminal."""
    import fcntl
    import pty
    import termios
    master, slave = pty.openpty()
    set_terminal_size(slave, rows, columns)

    def on_the_terminal() -> None:  # in the child: the pty (stdin) is its controlling terminal
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(command, stdin=slave, stdout=subprocess.PIPE, preexec_fn=on_the_terminal)
    os.close(slave)
    try:
        yield process, master, ProcessOutput(process)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)


def plain(data: bytes) -> str:
    return ANSI.sub(b"", data).replace(b"\r", b"").decode("latin-1")


def fail(message: str, output: bytes = b"") -> None:
    print(f"FAIL: {message}")
    if output:
        print("---- output ----")
        print(plain(output)[-4000:])
    sys.exit(1)


def sim_command(simulator: str, *arguments: str) -> list:
    """The command that runs `simulator` with `arguments` and the build's initial RAM disk,
    initramfs.cpio, which the build puts at the top of the build directory beside it. It
    boots the kernel shell (init=kshell), unless `arguments` give a --cmdline of their own
    (the last one counts)."""
    initrd = os.path.join(os.path.dirname(os.path.abspath(simulator)), "initramfs.cpio")
    return [simulator, "--initrd", initrd, "--cmdline", "init=kshell", *arguments]


def wait_for_text(text: str, read_more, process, seconds: float, after: int = 0) -> int:
    """Calls read_more() (which waits a little and returns all output so far) until `text`
    appears past offset `after` of the plain output; returns the offset just past it. Fails
    when `seconds` pass or `process` ends first."""
    deadline = time.time() + seconds
    output = b""
    while True:
        position = plain(output).find(text, after)
        if position >= 0:
            return position + len(text)
        if time.time() > deadline or process.poll() is not None:
            fail(f"never saw {text!r}", output)
        output = read_more()


class ProcessOutput:
    """Collects what `process` writes on `stream` (its stdout by default): read_more() waits
    a little for more and returns everything so far, wait_for() waits for text in it."""

    def __init__(self, process, stream=None):
        self.process = process
        self.stream = stream if stream is not None else process.stdout
        self.collected = bytearray()

    def read_more(self) -> bytes:
        ready, _, _ = select.select([self.stream], [], [], 0.2)
        if ready:
            self.collected.extend(self.stream.read1(1 << 20))
        return bytes(self.collected)

    def wait_for(self, text: str, after: int = 0, seconds: float = 30) -> int:
        return wait_for_text(text, self.read_more, self.process, seconds, after)

    def text(self) -> str:
        return plain(bytes(self.collected))


def read_png(path: str) -> tuple:
    """(width, height, rows of RGB bytes) of an 8-bit RGB PNG whose rows all use filter 0 (as
    keel-sim writes them); fails on anything else, a bad CRC included."""
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path} is not a PNG")
    position, chunks = 8, {}
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        crc = struct.unpack(">I", data[position + 8 + length:position + 12 + length])[0]
        if crc != zlib.crc32(kind + body):
            fail(f"{path}: bad CRC on chunk {kind}")
        chunks[kind] = chunks.get(kind, b"") + body
        position += 12 + length
    width, height, depth, colour_type = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    if (depth, colour_type) != (8, 2) or b"IEND" not in chunks:
        fail(f"{path}: depth {depth}, colour type {colour_type}, chunks {list(chunks)}")
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = width * 3 + 1
    if len(raw) != height * stride or any(raw[row * stride] != 0 for row in range(height)):
        fail(f"{path}: image data does not hold {height} unfiltered rows of {width} pixels")
    return width, height, [raw[row * stride + 1:(row + 1) * stride] for row in range(height)]


# QEMU sendkey names for the characters the tests type.
KEY_NAMES = {" ": "spc", "\n": "ret", "-": "minus", "=": "equal", ".": "dot", "/": "slash",
             ",": "comma", "'": "apostrophe", ";": "semicolon", '"': "shift-apostrophe",
             "_": "shift-minus", "!": "shift-1", ":": "shift-semicolon", ">": "shift-dot",
             "$": "shift-4", "(": "shift-9", ")": "shift-0"}


def key_name(character: str) -> str:
    if character in KEY_NAMES:
        return KEY_NAMES[character]
    if character.isupper():
        return "shift-" + character.lower()
    return character


class Qemu:
    def __init__(self, iso: str, timeout: float = 60):
        self.directory = tempfile.mkdtemp(prefix="keel-e2e-")
        self.monitor_path = os.path.join(self.directory, "monitor.sock")
        self.serial_path = os.path.join(self.directory, "serial.sock")
        self.timeout = timeout
        self.output = b""
        self.process = subprocess.Popen([
            "qemu-system-x86_64", "-accel", "tcg", "-m", "128M", "-cdrom", iso, "-boot", "d",
            "-display", "none", "-no-reboot",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-chardev", f"socket,id=serial,path={self.serial_path},server=on,wait=on",
            "-serial", "chardev:serial",
            "-monitor", f"unix:{self.monitor_path},server,nowait"])
        self.serial = self._connect(self.serial_path)
        self.monitor = self._connect(self.monitor_path)
        self._monitor_reply()

    def _connect(self, path: str) -> socket.socket:
        deadline = time.time() + 20
        while True:
            try:
                connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                connection.connect(path)
                return connection
            except OSError:
                if time.time() > deadline:
                    fail(f"QEMU socket {path} never appeared")
                time.sleep(0.1)

    def _monitor_reply(self) -> bytes:
        reply = b""
        while not reply.endswith(b"(qemu) "):
            ready, _, _ = select.select([self.monitor], [], [], 10)
            if not ready:
                fail("QEMU monitor did not answer")
            reply += self.monitor.recv(4096)
        return reply

    def monitor_command(self, command: str) -> bytes:
        self.monitor.sendall(command.encode() + b"\n")
        return self._monitor_reply()

    def type_keys(self, text: str) -> None:
        for character in text:
            self.monitor_command("sendkey " + key_name(character))
            time.sleep(0.03)

    def send_serial(self, text: str) -> None:
        self.serial.sendall(text.encode())

    def read_serial(self, seconds: float) -> None:
        ready, _, _ = select.select([self.serial], [], [], seconds)
        if ready:
            chunk = self.serial.recv(65536)
            if chunk:
                self.output += chunk

    def wait_for(self, text: str, after: int = 0) -> int:
        """Waits until `text` appears on the serial line past offset `after`."""
        def read_more() -> bytes:
            self.read_serial(0.2)
            return self.output
        return wait_for_text(text, read_more, self.process, self.timeout, after)

    def vga_cells(self) -> bytes:
        """VGA text memory: 80x25 cells of (character, attribute) bytes, row by row."""
        dump = os.path.join(self.directory, "vga.bin")
        self.monitor_command(f'pmemsave 0xb8000 4000 "{dump}"')  # unquoted, "/" parses as division
        with open(dump, "rb") as handle:
            return handle.read()

    def settled_vga_cells(self, attempts: int = 50) -> bytes:
        """VGA text memory once two reads in a row agree: a program that redraws cell by
        cell (a game) can be caught halfway through a frame by a single read under TCG.
        The serial line is drained before each read: a guest whose mirror of the frame
        waits for it would otherwise hold still halfway and pass for settled."""
        self.read_serial(0)
        previous = self.vga_cells()
        for _ in range(attempts):
            self.read_serial(0)
            cells = self.vga_cells()
            if cells == previous:
                return cells
            previous = cells
        fail("the VGA screen never held still for two reads in a row", self.output)

    def screen_rows(self) -> list:
        """The 25 rows of VGA text memory, as strings."""
        characters = self.vga_cells()[0::2].decode("latin-1")
        return [characters[row * 80:(row + 1) * 80].rstrip() for row in range(25)]

    def wait_for_exit(self, seconds: float = 30) -> int:
        deadline = time.time() + seconds
        while self.process.poll() is None:
            if time.time() > deadline:
                self.process.kill()
                fail("QEMU did not exit", self.output)
            self.read_serial(0.2)
        return self.process.returncode

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class ShellSession:
    """Keel's shell in the sim (headless, through pipes) or in QEMU (on its serial line),
    from a test's command line: `sim SIMULATOR [OPTIONS...]` or `qemu ISO`. send() types a
    line, send_interrupt() Ctrl+C (byte 0x03), send_keys() any bytes, wait_for() waits for
    text past an offset of the plain output, text() is that output; power_off() ends the
    machine cleanly, kill() ends it anyway (after a failure)."""

    def __init__(self, argv: list, timeout: float = 60):
        self.kind = argv[0]
        if self.kind == "sim":
            self.process = subprocess.Popen(sim_command(argv[1], "--headless", *argv[2:]),
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            self.output = ProcessOutput(self.process)
            self.timeout = timeout
        else:
            self.qemu = Qemu(argv[1], timeout)

    def _write(self, data: bytes) -> None:
        if self.kind == "sim":
            self.process.stdin.write(data)
            self.process.stdin.flush()
        else:
            self.qemu.serial.sendall(data)

    def send(self, line: str) -> None:
        self._write(line.encode() + (b"\n" if self.kind == "sim" else b"\r"))

    def send_interrupt(self) -> None:
        self._write(b"\x03")

    def send_keys(self, data: bytes) -> None:
        """Bytes as a terminal sends them: text, control codes, escape sequences."""
        self._write(data)

    def wait_for(self, text: str, after: int = 0) -> int:
        if self.kind == "sim":
            return self.output.wait_for(text, after, self.timeout)
        return self.qemu.wait_for(text, after)

    def text(self) -> str:
        return self.output.text() if self.kind == "sim" else plain(self.qemu.output)

    def raw(self) -> bytes:
        return bytes(self.output.collected) if self.kind == "sim" else self.qemu.output

    def run_steps(self, steps: list, mark: int) -> int:
        """For each (command, expected) step: types the command once the prompt is back and
        compares what it printed (between the echoed line and the next prompt) with the
        expectation, a string (exactly) or a compiled pattern (search). Returns the offset
        reached."""
        for command, expected in steps:
            self.send(command)
            end = self.wait_for(PROMPT.decode(), mark)
            echoed_and_output = self.text()[mark:end - len(PROMPT)]
            if command not in echoed_and_output:
                fail(f"{command!r} was not echoed", echoed_and_output.encode())
            output = echoed_and_output.split("\n", 1)[1] if "\n" in echoed_and_output else ""
            matches = expected.search(output) if isinstance(expected, re.Pattern) else output == expected
            if not matches:
                wanted = expected if isinstance(expected, str) else expected.pattern
                fail(f"{command!r} printed {output!r}, expected {wanted!r}", self.raw()[-3000:])
            mark = end
        return mark

    def power_off(self) -> None:
        """Types poweroff and checks that the machine ends cleanly."""
        self.send("poweroff")
        if self.kind == "sim":
            if self.process.wait(timeout=30) != 0:
                fail(f"poweroff: the sim exited with {self.process.returncode}", self.raw())
        elif self.qemu.wait_for_exit() != 0:
            fail("poweroff did not end QEMU cleanly", self.raw())

    def kill(self) -> None:
        """Ends the machine if it still runs (after a failure)."""
        if self.kind == "sim":
            if self.process.poll() is None:
                self.process.kill()
        else:
            self.qemu.kill()
