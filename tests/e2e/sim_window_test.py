"""Starts keel-sim with its SDL window on a virtual X display (Xvfb), types into the window
with xdotool (X key events -> SDL -> scancodes on IRQ 1), and checks that the command ran
(its output is mirrored on the serial line, stdout) and that a screenshot of the window is
not blank. Closing with `poweroff` must end the process with status 0.
"""
import os
import struct
import subprocess
import sys
import tempfile
import time
from keel_e2e import fail, sim_command, wait_for_text

simulator = sys.argv[1]
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
sim = None


def read_output() -> bytes:
    output_file.seek(0)
    return output_file.read()


def wait_for(text: str) -> None:
    def read_more() -> bytes:
        time.sleep(0.2)
        return read_output()
    wait_for_text(text, read_more, sim, 30)


def xdotool(*arguments: str) -> None:
    subprocess.run(["xdotool", *arguments], env=environment, check=True, timeout=30)


def screenshot_colours() -> int:
    """Counts the distinct pixel values in an xwd dump of the root window."""
    dump = subprocess.run(["xwd", "-root", "-silent"], env=environment, capture_output=True,
                          check=True, timeout=30).stdout
    header_size, _, _, depth, width, height = struct.unpack(">6I", dump[:24])
    bits_per_pixel = struct.unpack(">I", dump[44:48])[0]
    colour_count = struct.unpack(">I", dump[76:80])[0]
    bytes_per_line = struct.unpack(">I", dump[48:52])[0]
    pixels = dump[header_size + colour_count * 12:]
    step = bits_per_pixel // 8
    colours = set()
    for row in range(0, height, 4):
        line = pixels[row * bytes_per_line:(row + 1) * bytes_per_line]
        for column in range(0, width * step, step * 2):
            colours.add(line[column:column + step])
    return len(colours)


try:
    time.sleep(1)
    sim = subprocess.Popen(sim_command(simulator), env=environment, stdin=subprocess.DEVNULL,
                           stdout=output_file, stderr=subprocess.STDOUT)
    wait_for("keel> ")
    window = subprocess.run(["xdotool", "search", "--sync", "--name", "Keel"], env=environment,
                            capture_output=True, text=True, timeout=30).stdout.split()
    if not window:
        fail("no window named Keel", read_output())
    xdotool("windowfocus", "--sync", window[0])  # no window manager under Xvfb: focus directly
    xdotool("type", "--delay", "40", "echo typed-in-window")
    xdotool("key", "Return")
    wait_for("\ntyped-in-window\n")
    time.sleep(0.5)
    colours = screenshot_colours()
    if colours < 3:
        fail(f"the screenshot has {colours} colour(s): the window looks blank")
    xdotool("type", "--delay", "40", "poweroff")
    xdotool("key", "Return")
    status = sim.wait(timeout=30)
    if status != 0:
        fail(f"keel-sim exited with {status} after poweroff", read_output())
    print(f"PASS: SDL window took typed keys; screenshot has {colours} colours")
finally:
    if sim and sim.poll() is None:
        sim.kill()
    xvfb.kill()
