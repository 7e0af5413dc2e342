"""UTF-8 text through the console, in the sim (headless) or in QEMU:

    console_utf8_test.py sim SIMULATOR
    console_utf8_test.py qemu ISO

`echo été > /tmp/f` typed on the serial line in UTF-8, then `cat /tmp/f`, must give back
`été` on the serial line (bytes 0x80-0xFF were once dropped: `echo été` printed `t`), and
text written to /dev/console must reach the serial line too. In QEMU the VGA screen must
show the CP437 cells of é (0x82), and é typed on the PS/2 keyboard with AltGr+e (`sendkey
alt_r-e`) must arrive as the same character. In the sim, a screenshot must draw é with a
glyph of its own.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from keel_e2e import PROMPT, Qemu, fail, plain, read_png, sim_command, wait_for_text

ETE = "été".encode()
COMMANDS = [
    "echo été > /tmp/f",
    "cat /tmp/f",
    "echo through-the-console été > /dev/console",
]
ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def lines_of(output: bytes) -> list:
    """The serial output as lines of bytes, without colours or carriage returns."""
    return ANSI.sub(b"", output).replace(b"\r", b"").split(b"\n")


def check_serial(output: bytes) -> None:
    lines = lines_of(output)
    try:
        cat = next(index for index, line in enumerate(lines) if line.endswith(b"keel> cat /tmp/f"))
    except StopIteration:
        fail("the serial line never showed `cat /tmp/f`", output)
    if lines[cat + 1] != ETE:
        fail(f"`cat /tmp/f` printed {lines[cat + 1]!r}, not {ETE!r}", output)
    if b"through-the-console " + ETE not in lines:
        fail("what was written to /dev/console is not on the serial line", output)


def run_sim(simulator: str) -> None:
    typed = ("\n".join(COMMANDS + ["poweroff"]) + "\n").encode()
    result = subprocess.run(sim_command(simulator, "--headless"), input=typed, capture_output=True, timeout=60)
    if result.returncode != 0:
        fail(f"keel-sim exited with {result.returncode}", result.stdout)
    check_serial(result.stdout)
    print("ok: sim: é typed, stored, read back and written to /dev/console in UTF-8")
    check_sim_screen(simulator)


def cell_pixels(rows: list, col: int, row: int) -> bytes:
    """The 9x16 pixels of one cell of a 720x400 screenshot, RGB."""
    return b"".join(rows[row * 16 + y][col * 27:(col + 1) * 27] for y in range(16))


def check_sim_screen(simulator: str) -> None:
    """The sim's screen (a SIGUSR2 screenshot, drawn with the console font): after `clear`,
    row 0 is `keel> echo eé?` and row 1 its output `eé?`. é must be drawn with a glyph of
    its own (not e's, not the '?' of a character the console could not map), the same in
    both rows."""
    directory = tempfile.mkdtemp(prefix="keel-utf8-")
    output = tempfile.TemporaryFile()
    sim = subprocess.Popen(sim_command(os.path.abspath(simulator), "--headless"), cwd=directory,
                           stdin=subprocess.PIPE, stdout=output, stderr=subprocess.STDOUT)

    def read_more() -> bytes:
        time.sleep(0.1)
        output.seek(0)
        return output.read()
    try:
        sim.stdin.write("clear\necho eé?\n".encode())
        sim.stdin.flush()
        mark = wait_for_text("echo eé?".encode().decode("latin-1"), read_more, sim, 30)
        mark = wait_for_text("keel> ", read_more, sim, 30, mark)
        sim.send_signal(signal.SIGUSR2)
        wait_for_text("screenshot saved to ", read_more, sim, 30)
        path = re.findall(r"screenshot saved to (\S+)\n", plain(read_more()))[0]
        _, _, rows = read_png(path)
        typed, shown = cell_pixels(rows, 12, 0), cell_pixels(rows, 1, 1)
        if typed != shown:
            fail("é typed at the prompt and é printed by echo look different", read_more())
        if shown in (cell_pixels(rows, 0, 1), cell_pixels(rows, 2, 1), cell_pixels(rows, 3, 1)):
            fail("é is drawn as e, as '?' or blank", read_more())
        sim.stdin.write(b"poweroff\n")
        sim.stdin.flush()
        if sim.wait(timeout=30) != 0:
            fail(f"keel-sim exited with {sim.returncode} after poweroff", read_more())
    finally:
        if sim.poll() is None:
            sim.kill()
        shutil.rmtree(directory)
    print("ok: sim: the screen draws é with a glyph of its own")


def find_cells(qemu: Qemu, wanted: bytes) -> bool:
    characters = qemu.settled_vga_cells()[0::2]
    return wanted in characters


def run_qemu(iso: str) -> None:
    qemu = Qemu(iso)
    try:
        mark = qemu.wait_for(PROMPT.decode())
        for command in COMMANDS:
            qemu.serial.sendall(command.encode() + b"\r")
            mark = qemu.wait_for(PROMPT.decode(), mark)
        check_serial(qemu.output)
        if not find_cells(qemu, b"cat /tmp/f"):
            fail("the VGA screen does not show the session", qemu.output)
        if not find_cells(qemu, b"echo \x82t\x82 > /tmp/f"):
            fail("the VGA screen does not show \\x82 t \\x82 for été", qemu.output)
        if not find_cells(qemu, b"through-the-console \x82t\x82"):
            fail("the VGA screen does not show what was written to /dev/console", qemu.output)
        print("ok: QEMU: é over the serial line, in a file, back, and as CP437 0x82 on the screen")

        # The PS/2 keyboard: AltGr+e is é (the kernel's "us altgr-intl" layer).
        for key in ["e", "c", "h", "o", "spc", "k", "b", "d", "minus", "alt_r-e", "t", "alt_r-shift-e", "ret"]:
            qemu.monitor_command("sendkey " + key)
        mark = qemu.wait_for(PROMPT.decode(), mark)
        if "kbd-étÉ".encode() not in lines_of(qemu.output):
            fail("AltGr+e and AltGr+Shift+e typed on the keyboard did not echo as é and É", qemu.output)
        if not find_cells(qemu, b"kbd-\x82t\x90"):
            fail("the VGA screen does not show kbd-\\x82t\\x90", qemu.output)
        print("ok: QEMU: AltGr+e on the PS/2 keyboard types é")
        qemu.serial.sendall(b"poweroff\r")
        if qemu.wait_for_exit() != 0:
            fail("poweroff did not end QEMU cleanly", qemu.output)
    finally:
        qemu.kill()


if sys.argv[1] == "sim":
    run_sim(sys.argv[2])
else:
    run_qemu(sys.argv[2])
print("PASS: the console carries UTF-8")
