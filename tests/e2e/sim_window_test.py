"""Starts keel-sim with its SDL window on a virtual X display (Xvfb), types into the window
with xdotool (X key events -> SDL -> scancodes on IRQ 1), and checks that the command ran
(its output is mirrored on the serial line, stdout) and that a screenshot of the window is
not blank. Then the window polish: the title names Keel's version (argv[2]); --scale 1
opens a 720x400 window; resized to 1500x900 it shows the screen twice as large (the largest
whole scale that fits), centred on black; F12 saves a PNG of what it shows, 1440x800, which
an independent reader (zlib and struct here) decodes to the same pixels as the window's.
Ctrl+C typed in the window stops `sleep 100000` and `cat /dev/zero`. Closing with `poweroff`
must end the process with status 0. Then the sim boots busybox init as Keel's default
boot does, with a login shell on each terminal: the one on the console (/dev/tty1) takes
keys typed in the window, and Ctrl+C stops a command there, as the other one, on the serial
line (/dev/ttyS0: the sim's stdin and stdout), reads back from a file; Ctrl+Alt+Delete
makes init restart the machine.
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from keel_e2e import fail, read_png, sim_command, wait_for_text

simulator, version = os.path.abspath(sys.argv[1]), sys.argv[2]
SCREEN_WIDTH, SCREEN_HEIGHT = 720, 400  # 80x25 cells of 9x16 pixels
RESIZED_WIDTH, RESIZED_HEIGHT = 1500, 900
SCALE = 2  # the largest whole number that fits 720x400 into 1500x900
BUSYBOX_PROMPT = "root@keel:/# "
display = f":{90 + os.getpid() % 100}"
xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                        stderr=subprocess.DEVNULL)
# Xvfb has no GPU: SDL's software renderer draws the same picture without Mesa's llvmpipe
# threads, whose internal races ThreadSanitizer would report; with framebuffer
# acceleration off, SDL does not load Mesa behind the window surface either. LeakSanitizer blames
# allocations inside X11 modules that are loaded and unloaded ("<unknown module>"), which
# no suppression can name; the headless test keeps leak checks.
environment = dict(os.environ, DISPLAY=display, SDL_AUDIODRIVER="dummy", SDL_RENDER_DRIVER="software",
                   SDL_FRAMEBUFFER_ACCELERATION="0",
                   ASAN_OPTIONS=os.environ.get("ASAN_OPTIONS", "") + ":detect_leaks=0")
output_file = tempfile.TemporaryFile()
screenshot_directory = tempfile.mkdtemp(prefix="keel-window-")  # keel-sim's current directory
sim = None


def read_output() -> bytes:
    output_file.seek(0)
    return output_file.read()


def wait_for(text: str, after: int = 0) -> int:
    def read_more() -> bytes:
        time.sleep(0.2)
        return read_output()
    return wait_for_text(text, read_more, sim, 30, after)


def interrupt_with_keyboard(command: str, after: int, prompt: str = "keel> ") -> int:
    """Runs `command`, which would not end by itself, and stops it with Ctrl+C typed in the
    window (SDL -> PS/2 scancodes -> the input layer's interrupt of the running command)."""
    xdotool("type", "--delay", "40", command)
    xdotool("key", "Return")
    after = wait_for(command + "\n", after)
    time.sleep(1)  # running now: a Ctrl+C typed ahead would be a key at the next prompt
    xdotool("key", "ctrl+c")
    return wait_for("^C\n" + prompt, after)


def xdotool(*arguments: str) -> None:
    subprocess.run(["xdotool", *arguments], env=environment, check=True, timeout=30)


def xdotool_output(*arguments: str) -> str:
    return subprocess.run(["xdotool", *arguments], env=environment, capture_output=True, text=True,
                          check=True, timeout=30).stdout


class XwdImage:
    """An xwd dump (of the root window, or of one window with `-id ID`) in Xvfb's
    TrueColor: pixel(x, y) is an (r, g, b) tuple."""

    def __init__(self, *which: str):
        dump = subprocess.run(["xwd", "-silent", *which], env=environment, capture_output=True,
                              check=True, timeout=30).stdout
        fields = struct.unpack(">25I", dump[:100])
        header_size, self.width, self.height = fields[0], fields[4], fields[5]
        self.little_endian = fields[7] == 0  # byte_order: LSBFirst
        self.step, self.bytes_per_line = fields[11] // 8, fields[12]
        self.masks = fields[14:17]
        self.pixels = dump[header_size + fields[19] * 12:]  # after the colour map

    def raw(self, x: int, y: int) -> bytes:
        offset = y * self.bytes_per_line + x * self.step
        return self.pixels[offset:offset + self.step]

    def pixel(self, x: int, y: int) -> tuple:
        value = int.from_bytes(self.raw(x, y), "little" if self.little_endian else "big")
        return tuple((value & mask) >> ((mask & -mask).bit_length() - 1) for mask in self.masks)


def screenshot_colours() -> int:
    """Counts the distinct pixel values in an xwd dump of the root window."""
    image = XwdImage("-root")
    return len({image.raw(x, y) for y in range(0, image.height, 4) for x in range(0, image.width, 2)})


def resized_window_problem(shown: XwdImage, rows: list) -> str:
    """What is wrong with the window resized to RESIZED_WIDTH x RESIZED_HEIGHT, which should
    show the screenshot `rows` centred on black: "" if nothing."""
    if (shown.width, shown.height) != (RESIZED_WIDTH, RESIZED_HEIGHT):
        return (f"the window is {shown.width}x{shown.height} after resizing to"
                f" {RESIZED_WIDTH}x{RESIZED_HEIGHT}")
    left = (RESIZED_WIDTH - SCREEN_WIDTH * SCALE) // 2
    top = (RESIZED_HEIGHT - SCREEN_HEIGHT * SCALE) // 2
    for x, y in ((left - 1, RESIZED_HEIGHT // 2), (RESIZED_WIDTH - left, RESIZED_HEIGHT // 2),
                 (RESIZED_WIDTH // 2, top - 1), (RESIZED_WIDTH // 2, RESIZED_HEIGHT - top)):
        if shown.pixel(x, y) != (0, 0, 0):
            return f"border pixel ({x}, {y}) of the resized window is {shown.pixel(x, y)}, not black"
    # The first rows of text (boot messages: no cursor to blink there) are the same pixels
    # in the screenshot as in the window.
    for y in range(0, 5 * 16 * SCALE, 3):
        for x in range(0, SCREEN_WIDTH * SCALE, 5):
            if tuple(rows[y][x * 3:x * 3 + 3]) != shown.pixel(left + x, top + y):
                return f"screenshot pixel ({x}, {y}) is not the window's pixel ({left + x}, {top + y})"
    return ""


def check_resized_window_and_screenshot(window: str, directory: str) -> None:
    geometry = xdotool_output("getwindowgeometry", window)
    if f"{SCREEN_WIDTH}x{SCREEN_HEIGHT}" not in geometry:
        fail(f"with --scale 1 the window is not {SCREEN_WIDTH}x{SCREEN_HEIGHT}: {geometry}")
    xdotool("windowmove", "--sync", window, "0", "0")  # all of it on Xvfb's 1600x1000 screen
    xdotool("windowsize", "--sync", window, str(RESIZED_WIDTH), str(RESIZED_HEIGHT))
    before = len(read_output())
    xdotool("key", "F12")
    wait_for("screenshot saved to ")
    saved = re.search(rb"screenshot saved to (\S+\.png)\n", read_output()[before:])
    if not saved or not saved.group(1).decode().startswith(directory + "/keel-"):
        fail("no 'screenshot saved to <current directory>/keel-....png' line", read_output())
    width, height, rows = read_png(saved.group(1).decode())
    if (width, height) != (SCREEN_WIDTH * SCALE, SCREEN_HEIGHT * SCALE):
        fail(f"the screenshot is {width}x{height}, not the window's"
             f" {SCREEN_WIDTH * SCALE}x{SCREEN_HEIGHT * SCALE}")
    deadline = time.time() + 30
    while problem := resized_window_problem(XwdImage("-id", window), rows):  # SDL may not have redrawn yet
        if time.time() > deadline:
            fail(problem)
        time.sleep(0.5)


def start_sim(prompt: str, *options: str) -> list:
    """Starts keel-sim with `options` in a window of 720x400, its output in output_file
    (emptied first) and its input a pipe (sim.stdin), and waits for `prompt`; the window's
    id, focused, in a list."""
    global sim
    output_file.seek(0)
    output_file.truncate()
    sim = subprocess.Popen(sim_command(simulator, "--scale", "1", *options), env=environment,
                           stdin=subprocess.PIPE, stdout=output_file, stderr=subprocess.STDOUT,
                           cwd=screenshot_directory)
    wait_for(prompt)
    return focus_window()


def focus_window() -> list:
    """Finds the sim's window and focuses it; its id, in a list."""
    window = subprocess.run(["xdotool", "search", "--sync", "--name", "Keel"], env=environment,
                            capture_output=True, text=True, timeout=30).stdout.split()
    if not window:
        fail("no window named Keel", read_output())
    xdotool("windowfocus", "--sync", window[0])  # no window manager under Xvfb: focus directly
    return window


def serial_line(line: str) -> None:
    """Types `line` on the serial line (the sim's standard input)."""
    sim.stdin.write(line.encode() + b"\n")
    sim.stdin.flush()


def power_off_from_window() -> None:
    xdotool("type", "--delay", "40", "poweroff")
    xdotool("key", "Return")
    status = sim.wait(timeout=30)
    if status != 0:
        fail(f"keel-sim exited with {status} after poweroff", read_output())


try:
    time.sleep(1)
    window = start_sim("keel> ")
    xdotool("type", "--delay", "40", "echo typed-in-window")
    xdotool("key", "Return")
    mark = wait_for("\ntyped-in-window\n")
    mark = interrupt_with_keyboard("sleep 100000", mark)
    mark = interrupt_with_keyboard("cat /dev/zero", mark)
    time.sleep(0.5)
    colours = screenshot_colours()
    if colours < 3:
        fail(f"the screenshot has {colours} colour(s): the window looks blank")
    title = xdotool_output("getwindowname", window[0]).strip()
    if f"Keel {version}" not in title or "sim" not in title:
        fail(f"the window's title {title!r} does not name Keel {version} and the sim")
    check_resized_window_and_screenshot(window[0], screenshot_directory)
    power_off_from_window()

    # Keel's own boot, busybox init, gives the login shell on the console the window's keys.
    # What it prints stays on the screen, so it writes to a file that the shell on the serial
    # line reads back once the sleep it runs has been stopped with Ctrl+C.
    window = start_sim(BUSYBOX_PROMPT, "--cmdline", "init=/sbin/init")
    xdotool("type", "--delay", "40", "tty >/tmp/w; echo $((6 * 7)) >>/tmp/w; sleep 100000")
    xdotool("key", "Return")
    serial_line("until ps -o comm | grep -qx sleep; do :; done; echo sleep-runs")
    mark = wait_for("\nsleep-runs\n")
    xdotool("key", "ctrl+c")
    xdotool("type", "--delay", "40", "echo status=$? >>/tmp/w")
    xdotool("key", "Return")
    serial_line("until grep -q status /tmp/w; do sleep 1; done; cat /tmp/w")
    mark = wait_for("\n/dev/tty1\n42\nstatus=130\n", mark)
    # Ctrl+Alt+Delete goes to init (it asked with reboot(2)), whose inittab line restarts
    # the machine: the sim runs itself again, in a new window.
    xdotool("key", "ctrl+alt+Delete")
    for line in ("The system is going down NOW!", "Requesting system reboot", "reboot: Restarting system"):
        mark = wait_for(line, mark)
    mark = wait_for(BUSYBOX_PROMPT, wait_for("built-in shell (ash)", mark))
    focus_window()
    power_off_from_window()
    print(f"PASS: SDL window took typed keys, Ctrl+C stopped commands; screenshot has {colours} colours; title {title!r};"
          f" resized, it scales by {SCALE}, and F12 saved a PNG of what it shows; busybox sh under init took"
          f" keys and Ctrl+C in the window, and Ctrl+Alt+Delete restarted it")
finally:
    if sim and sim.poll() is None:
        sim.kill()
    xvfb.kill()
    shutil.rmtree(screenshot_directory)
